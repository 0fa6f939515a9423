package dev.marble.storage.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Users, roles, role memberships and privilege grants. Users and roles share one name space (a
 * grantee names either); names match exactly, as the parser produced them (unquoted names are
 * upper case). Immutable; "with" methods return copies.
 *
 * <p>A database without users has no checks at all; once it has one, every session is a user.
 */
public record SecurityDef(List<UserDef> users, List<String> roles, List<MembershipDef> memberships,
    List<GrantDef> grants) {
  /** The role every user belongs to; it cannot be created or dropped. */
  public static final String PUBLIC = "PUBLIC";
  public static final SecurityDef EMPTY = new SecurityDef(List.of(), List.of(), List.of(), List.of());

  public SecurityDef {
    users = users == null ? List.of() : List.copyOf(users);
    roles = roles == null ? List.of() : List.copyOf(roles);
    memberships = memberships == null ? List.of() : List.copyOf(memberships);
    grants = grants == null ? List.of() : List.copyOf(grants);
  }

  public boolean hasUsers() {
    return !users.isEmpty();
  }

  /** Whether there is anything to store (decides the catalog format). */
  boolean hasContent() {
    return !users.isEmpty() || !roles.isEmpty() || !grants.isEmpty();
  }

  public UserDef user(String name) {
    return users.stream().filter(u -> u.name().equals(name)).findFirst().orElse(null);
  }

  public boolean hasRole(String name) {
    return roles.contains(name);
  }

  /** Whether a user or a role has this name. */
  public boolean taken(String name) {
    return user(name) != null || hasRole(name);
  }

  public long adminCount() {
    return users.stream().filter(UserDef::admin).count();
  }

  public SecurityDef withUser(UserDef user) {
    List<UserDef> list = new ArrayList<>(users);
    list.removeIf(u -> u.name().equals(user.name()));
    list.add(user);
    return new SecurityDef(list, roles, memberships, grants);
  }

  /** Without the user or role {@code name}, its memberships (both ways) and the grants it holds. */
  public SecurityDef without(String name) {
    List<UserDef> u = users.stream().filter(x -> !x.name().equals(name)).toList();
    List<String> r = roles.stream().filter(x -> !x.equals(name)).toList();
    List<MembershipDef> m = memberships.stream()
        .filter(x -> !x.member().equals(name) && !x.role().equals(name)).toList();
    List<GrantDef> g = grants.stream().filter(x -> !x.grantee().equals(name)).toList();
    return new SecurityDef(u, r, m, g);
  }

  /** The user {@code from} as {@code to}, with its memberships and grants (held and given). */
  public SecurityDef renamed(String from, String to) {
    UnaryOperator<String> f = n -> n.equals(from) ? to : n;
    List<UserDef> u = users.stream().map(x -> x.name().equals(from) ? x.withName(to) : x).toList();
    List<MembershipDef> m = memberships.stream().map(x -> new MembershipDef(f.apply(x.member()), x.role())).toList();
    List<GrantDef> g = grants.stream().map(x -> new GrantDef(f.apply(x.grantee()), x.privilege(), x.schema(),
        x.table(), f.apply(x.grantor()))).toList();
    return new SecurityDef(u, roles, m, g);
  }

  public SecurityDef withRole(String role) {
    List<String> list = new ArrayList<>(roles);
    list.add(role);
    return new SecurityDef(users, list, memberships, grants);
  }

  public SecurityDef withMembership(MembershipDef membership) {
    if (memberships.contains(membership)) {
      return this;
    }
    List<MembershipDef> list = new ArrayList<>(memberships);
    list.add(membership);
    return new SecurityDef(users, roles, list, grants);
  }

  public SecurityDef withoutMembership(MembershipDef membership) {
    return new SecurityDef(users, roles, memberships.stream().filter(m -> !m.equals(membership)).toList(), grants);
  }

  public SecurityDef withGrant(GrantDef grant) {
    if (grants.stream().anyMatch(g -> g.sameAs(grant))) {
      return this;
    }
    List<GrantDef> list = new ArrayList<>(grants);
    list.add(grant);
    return new SecurityDef(users, roles, memberships, list);
  }

  public SecurityDef withoutGrant(GrantDef grant) {
    return retainingGrants(g -> !g.sameAs(grant));
  }

  public SecurityDef retainingGrants(Predicate<GrantDef> keep) {
    return new SecurityDef(users, roles, memberships, grants.stream().filter(keep).toList());
  }

  /** Grants on table {@code schema.from} now name {@code schema.to} (ALTER TABLE ... RENAME TO). */
  public SecurityDef withTableRenamed(String schema, String from, String to) {
    return new SecurityDef(users, roles, memberships, grants.stream()
        .map(g -> g.schema().equals(schema) && from.equals(g.table())
            ? new GrantDef(g.grantee(), g.privilege(), g.schema(), to, g.grantor()) : g)
        .toList());
  }

  /**
   * Everyone whose privileges {@code name} holds: itself, the roles granted to it, directly or
   * through other roles, and PUBLIC.
   */
  public Set<String> grantees(String name) {
    Set<String> all = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(name, PUBLIC));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (all.add(next)) {
        memberships.stream().filter(m -> m.member().equals(next)).forEach(m -> todo.push(m.role()));
      }
    }
    return all;
  }

  /** Whether {@code user} holds {@code privilege} on the table or view {@code schema.table}. */
  public boolean holds(String user, Privilege privilege, String schema, String table) {
    Set<String> who = grantees(user);
    return grants.stream().anyMatch(g -> who.contains(g.grantee()) && g.covers(privilege, schema, table));
  }
}
