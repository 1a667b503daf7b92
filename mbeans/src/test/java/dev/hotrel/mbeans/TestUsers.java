package dev.hotrel.mbeans;

import dev.hotrel.mbeans.access.ManagementUsers;
import dev.hotrel.mbeans.access.PasswordHash;
import dev.hotrel.mbeans.access.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The management users of every node the fixtures start ({@link NodeProcess}, the example releases'
 * launcher): a deployer {@value #DEPLOYER} and an observer {@value #OBSERVER}, with passwords drawn
 * once per test JVM. {@link #seed} writes them into a root's {@code conf/jolokia.users} (and the
 * deployer's password into {@code conf/jolokia.password}, as a node's first start would) unless the
 * root has users already, so a node on any fixture root takes them; {@link Jolokia} and the
 * in-process {@code hotrel} CLI ({@code hotrel.user}, {@code hotrel.passwordFile}) present them
 * without being told. Tests of the generated password start on a root without seeding.
 */
public final class TestUsers {

    public static final String DEPLOYER = "hotrel";
    public static final String OBSERVER = "watcher";
    public static final String DEPLOYER_PASSWORD = secret();
    public static final String OBSERVER_PASSWORD = secret();
    /** Few iterations: fixture roots are made by the hundred; the node reads the count from the file. */
    private static final String USERS = "# test users (TestUsers)\n"
            + ManagementUsers.line(DEPLOYER, Role.DEPLOYER, PasswordHash.of(DEPLOYER_PASSWORD, 1000))
            + ManagementUsers.line(OBSERVER, Role.OBSERVER, PasswordHash.of(OBSERVER_PASSWORD, 1000));
    private static final Path PASSWORD_FILE = createPasswordFile();

    static {
        // The CLI run in this JVM (HotrelCli.run) finds the deployer's credentials as an operator's shell would.
        System.setProperty("hotrel.user", DEPLOYER);
        System.setProperty("hotrel.passwordFile", PASSWORD_FILE.toString());
    }

    private TestUsers() {
    }

    /** Gives {@code root} the test users, unless it has a users file already. */
    public static void seed(Path root) {
        Path users = ManagementUsers.usersFile(root);
        if (Files.exists(users)) {
            return;
        }
        try {
            Files.createDirectories(users.getParent());
            write(ManagementUsers.passwordFile(root), DEPLOYER_PASSWORD + "\n");
            write(users, USERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file holding the deployer's password, for {@code --password-file}. */
    public static Path passwordFile() {
        return PASSWORD_FILE;
    }

    /** Makes sure the CLI settings are in place (loading this class sets them). */
    static void install() {
    }

    private static Path createPasswordFile() {
        try {
            Path dir = Files.createTempDirectory("hotrel-test-users");
            Path file = dir.resolve("deployer.password");
            write(file, DEPLOYER_PASSWORD + "\n");
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the test JVM's own files anyway.
        }
    }

    private static String secret() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
