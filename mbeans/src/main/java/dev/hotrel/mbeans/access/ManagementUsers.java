package dev.hotrel.mbeans.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The users who may manage a node, and their roles: a users file of
 * {@code USER:ROLE:pbkdf2-sha256:ITERATIONS:SALT:HASH} lines ({@link PasswordHash}; {@code #}
 * comments and blank lines ignored), by default {@code ROOT/conf/jolokia.users}. Both Jolokia and
 * the JMX connector check credentials here.
 *
 * <p>At a node's first start, when the root has no users file, {@link #generate} makes one with the
 * user {@value #GENERATED_USER} (role deployer) and a random password, and writes that password in
 * plain text to {@code ROOT/conf/jolokia.password} for the operator and the CLI
 * ({@code hotrel --root ROOT} or {@code --password-file}). Both files are readable by the node's OS
 * user only. The plain-text file is the operator's copy: the node never reads it, and it may be
 * deleted once the password is kept elsewhere.
 *
 * <p>Thread-safe. A password checked once is remembered (in memory, as a salted SHA-256) so that the
 * slow hash runs once per user, not once per HTTP request; a wrong password always pays it.
 */
public final class ManagementUsers {

    /** The user made at a node's first start. */
    public static final String GENERATED_USER = "hotrel";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record User(String name, Role role, PasswordHash hash) {
    }

    private final Map<String, User> users;
    private final String source;
    private final Map<String, byte[]> checked = new ConcurrentHashMap<>();

    private ManagementUsers(Map<String, User> users, String source) {
        this.users = users;
        this.source = source;
    }

    /** {@code ROOT/conf/jolokia.users}. */
    public static Path usersFile(Path root) {
        return root.resolve("conf").resolve("jolokia.users");
    }

    /** {@code ROOT/conf/jolokia.password}: the generated user's password, in plain text. */
    public static Path passwordFile(Path root) {
        return root.resolve("conf").resolve("jolokia.password");
    }

    /**
     * Reads a users file.
     *
     * @throws IllegalArgumentException naming the file and line that is wrong, or if it holds no user
     */
    public static ManagementUsers read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
        Map<String, User> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", 3);
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("expected USER:ROLE:pbkdf2-sha256:ITERATIONS:SALT:HASH");
                }
                User u = new User(checkName(parts[0]), Role.of(parts[1]), PasswordHash.parse(parts[2]));
                if (users.putIfAbsent(u.name(), u) != null) {
                    throw new IllegalArgumentException("user " + u.name() + " appears twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("users file " + file + ", line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("users file " + file + " names no user: add USER:ROLE:HASH lines "
                    + "(hotrel-node --add-user), or delete it to have one generated");
        }
        return new ManagementUsers(Map.copyOf(users), file.toString());
    }

    /** One user with a password given in plain text ({@code --jolokia-user} and its password file). */
    public static ManagementUsers single(String user, String password, Role role) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password of management user " + user + " is empty");
        }
        return new ManagementUsers(Map.of(checkName(user), new User(user, role, PasswordHash.of(password))),
                "--jolokia-user " + user);
    }

    /**
     * Makes the root's users file with {@value #GENERATED_USER} and a fresh random password, written
     * in plain text to {@link #passwordFile}; both readable by the owner only. Nothing if the users
     * file exists.
     *
     * @return whether it made them
     */
    public static boolean generate(Path root) throws IOException {
        Path users = usersFile(root);
        if (Files.exists(users)) {
            return false;
        }
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path conf = users.getParent();
        Files.createDirectories(conf);
        writeOwnerOnly(passwordFile(root), password + "\n");
        writeOwnerOnly(users, header() + line(GENERATED_USER, Role.DEPLOYER, PasswordHash.of(password)));
        return true;
    }

    /** Adds or replaces {@code user} in a users file (made owner-only if new). */
    public static void put(Path file, String user, Role role, String password) throws IOException {
        checkName(user);
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password of management user " + user + " is empty");
        }
        StringBuilder text = new StringBuilder();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.startsWith(user + ":")) {
                    text.append(l).append('\n');
                }
            }
        } else {
            text.append(header());
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        text.append(line(user, role, PasswordHash.of(password)));
        writeOwnerOnly(file, text.toString());
    }

    /** One line of a users file. */
    public static String line(String user, Role role, PasswordHash hash) {
        return checkName(user) + ":" + role.key() + ":" + hash + "\n";
    }

    /** The user with that password, as a principal; empty for an unknown user or a wrong password. */
    public Optional<ManagementPrincipal> authenticate(String user, String password) {
        User u = user == null || password == null ? null : users.get(user);
        if (u == null) {
            if (password != null) {
                PasswordHash.of(password, PasswordHash.ITERATIONS); // as slow as a wrong password: names are not probed
            }
            return Optional.empty();
        }
        byte[] quick = quick(u, password);
        byte[] known = checked.get(u.name());
        if (known != null && MessageDigest.isEqual(known, quick)) {
            return Optional.of(new ManagementPrincipal(u.name(), u.role()));
        }
        if (!u.hash().matches(password)) {
            return Optional.empty();
        }
        checked.put(u.name(), quick);
        return Optional.of(new ManagementPrincipal(u.name(), u.role()));
    }

    /** Where the users come from, for the node's start line. */
    public String source() {
        return source;
    }

    /** How many users, for the node's start line. */
    public int size() {
        return users.size();
    }

    private static byte[] quick(User u, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(u.hash().salt());
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static String checkName(String user) {
        if (user == null || !NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("bad user name '" + (user == null ? "" : user.length() > 64 ? user.substring(0, 64) + "…" : user)
                    + "' (letters, digits and . _ @ -, at most 64)");
        }
        return user;
    }

    private static String header() {
        return "# Hotrel management users: USER:ROLE:pbkdf2-sha256:ITERATIONS:SALT:HASH; ROLE is observer or deployer.\n"
                + "# Add or change one with: hotrel-node --root ROOT --add-user USER --role ROLE --password-file FILE\n";
    }

    /** Written next to the target and moved over it, owner-only from the start where the file system knows modes. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot write " + file + ": " + tmp + " appeared meanwhile", e);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
