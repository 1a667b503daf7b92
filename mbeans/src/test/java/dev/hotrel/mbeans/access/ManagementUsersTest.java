package dev.hotrel.mbeans.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The users file: what it holds, what it refuses, and who it lets in. */
class ManagementUsersTest {

    @TempDir
    Path dir;

    @Test
    void generatedOnceWithAPasswordThatOnlyThePlainFileHolds() throws Exception {
        assertTrue(ManagementUsers.generate(dir));
        String password = Files.readAllLines(ManagementUsers.passwordFile(dir)).get(0);
        String users = Files.readString(ManagementUsers.usersFile(dir));
        assertFalse(users.contains(password));
        assertTrue(users.contains("\nhotrel:deployer:pbkdf2-sha256:210000:"), users);
        assertFalse(ManagementUsers.generate(dir), "a second start keeps the first password");
        assertEquals(password, Files.readAllLines(ManagementUsers.passwordFile(dir)).get(0));

        ManagementUsers read = ManagementUsers.read(ManagementUsers.usersFile(dir));
        assertEquals(Optional.of(new ManagementPrincipal("hotrel", Role.DEPLOYER)), read.authenticate("hotrel", password));
        assertEquals(Optional.of(new ManagementPrincipal("hotrel", Role.DEPLOYER)), read.authenticate("hotrel", password),
                "remembered, still right");
        assertEquals(Optional.empty(), read.authenticate("hotrel", password + "x"));
        assertEquals(Optional.empty(), read.authenticate("hotrel", null));
        assertEquals(Optional.empty(), read.authenticate("nobody", password));
    }

    @Test
    void usersAreAddedAndChangedWithTheirRoles() throws Exception {
        Path file = ManagementUsers.usersFile(dir);
        ManagementUsers.put(file, "watcher", Role.OBSERVER, "first");
        ManagementUsers.put(file, "ops", Role.DEPLOYER, "second");
        ManagementUsers.put(file, "watcher", Role.OBSERVER, "changed");
        ManagementUsers users = ManagementUsers.read(file);
        assertEquals(2, users.size());
        assertEquals(Optional.empty(), users.authenticate("watcher", "first"));
        assertEquals(Role.OBSERVER, users.authenticate("watcher", "changed").orElseThrow().role());
        assertEquals(Role.DEPLOYER, users.authenticate("ops", "second").orElseThrow().role());
    }

    @Test
    void aBadFileIsRefusedNamingTheLine() throws Exception {
        Path file = dir.resolve("users");
        String good = ManagementUsers.line("ops", Role.DEPLOYER, PasswordHash.of("x", 1000));
        for (String[] c : new String[][] {
                {"# only a comment\n", "names no user"},
                {good + "ops:observer:" + PasswordHash.of("y", 1000) + "\n", "line 2: user ops appears twice"},
                {"ops:admin:" + PasswordHash.of("y", 1000) + "\n", "line 1: unknown role 'admin' (expected observer or deployer)"},
                {"ops:deployer:plaintext\n", "line 1: bad password hash (expected pbkdf2-sha256:ITERATIONS:SALT:HASH)"},
                {"ops:deployer:pbkdf2-sha256:0:AAAA:AAAA\n", "line 1: bad password hash: iterations 0"},
                {"ops deployer secret\n", "line 1: expected USER:ROLE:pbkdf2-sha256:ITERATIONS:SALT:HASH"},
                {"o p:deployer:" + PasswordHash.of("y", 1000) + "\n", "line 1: bad user name 'o p'"}}) {
            Files.writeString(file, c[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManagementUsers.read(file));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
