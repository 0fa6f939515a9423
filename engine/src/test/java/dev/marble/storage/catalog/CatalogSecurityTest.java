package dev.marble.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, roles and grants in the catalog: storage, format number, and the grantee closure. */
class CatalogSecurityTest {
  @TempDir
  Path dir;

  private static SecurityDef sample() {
    return SecurityDef.EMPTY
        .withUser(new UserDef("ADMIN", "c2FsdA==", "aGFzaA==", 600_000, true))
        .withUser(new UserDef("BOB", "c2FsdDI=", "aGFzaDI=", 600_000, false))
        .withRole("READER").withRole("CLERK")
        .withMembership(new MembershipDef("CLERK", "READER"))
        .withMembership(new MembershipDef("BOB", "CLERK"))
        .withGrant(new GrantDef("READER", Privilege.SELECT, "PUBLIC", "T", "ADMIN"))
        .withGrant(new GrantDef("PUBLIC", Privilege.INSERT, "PUBLIC", null, "ADMIN"));
  }

  @Test
  void securityRoundTripsAndRaisesTheFormat() throws Exception {
    Catalog plain = Catalog.initial();
    assertEquals(1, plain.format());
    Catalog secured = plain.withSecurity(sample());
    assertEquals(3, secured.format());
    CatalogStore.write(dir, secured);
    assertTrue(Files.readString(dir.resolve(CatalogStore.FILE_NAME)).contains("\"format\" : 3"));
    assertEquals(sample(), CatalogStore.read(dir).security());
  }

  @Test
  void aCatalogFromBeforeUsersReadsAsHavingNone() throws Exception {
    Files.writeString(dir.resolve(CatalogStore.FILE_NAME), "{\"format\": 1, \"catalog\": {\"version\": 4,"
        + " \"nextObjectId\": 2, \"schemas\": {\"PUBLIC\": {\"name\": \"PUBLIC\", \"tables\": {}, \"views\": {},"
        + " \"sequences\": {}}}}}");
    Catalog read = CatalogStore.read(dir);
    assertEquals(SecurityDef.EMPTY, read.security());
    assertFalse(read.security().hasUsers());
  }

  @Test
  void privilegesComeThroughRolesPublicAndSchemas() {
    SecurityDef s = sample();
    assertEquals(Set.of("BOB", "PUBLIC", "CLERK", "READER"), s.grantees("BOB"));
    assertTrue(s.holds("BOB", Privilege.SELECT, "PUBLIC", "T"));
    assertFalse(s.holds("BOB", Privilege.SELECT, "PUBLIC", "U"));
    assertTrue(s.holds("ADMIN", Privilege.INSERT, "PUBLIC", "ANY_TABLE"));
    assertFalse(s.holds("BOB", Privilege.DELETE, "PUBLIC", "T"));
    SecurityDef withoutClerk = s.without("CLERK");
    assertFalse(withoutClerk.holds("BOB", Privilege.SELECT, "PUBLIC", "T"));
    assertEquals(List.of(), withoutClerk.memberships());
  }

  @Test
  void droppedObjectsLoseTheirGrantsAndRenamedTablesKeepThem() {
    Catalog c = Catalog.initial().withSecurity(sample());
    assertEquals(List.of("PUBLIC"), c.withoutStaleGrants().security().grants().stream()
        .map(GrantDef::grantee).toList()); // table T does not exist; the schema grant stays
    SecurityDef renamed = sample().withTableRenamed("PUBLIC", "T", "T2");
    assertTrue(renamed.holds("BOB", Privilege.SELECT, "PUBLIC", "T2"));
    assertFalse(renamed.holds("BOB", Privilege.SELECT, "PUBLIC", "T"));
    Catalog noSchema = new Catalog(1, 1, Map.of()).withSecurity(sample());
    assertEquals(List.of(), noSchema.withoutStaleGrants().security().grants());
  }
}
