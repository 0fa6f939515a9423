package dev.marble.storage.catalog;

/** {@code member} (a user or a role) holds the privileges of {@code role}. */
public record MembershipDef(String member, String role) {}
