package dev.hotrel.mbeans.access;

import dev.hotrel.config.Config;
import dev.hotrel.config.ConfigKey;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who may manage this node, decided once at start for Jolokia and remote JMX alike, in this order:
 * <ol>
 *   <li>{@code --no-auth} (setting {@code managementAuth=false}): nobody is asked for credentials;
 *       logged as a warning, and refused by both endpoints beyond loopback;</li>
 *   <li>{@code --jolokia-user USER --jolokia-password-file FILE}: that one user, a deployer;</li>
 *   <li>{@code --jolokia-users FILE}: the users of that file;</li>
 *   <li>otherwise the root's {@code conf/jolokia.users}, generated at the first start with the
 *       user {@value ManagementUsers#GENERATED_USER} (see {@link ManagementUsers#generate}).</li>
 * </ol>
 * The first three are explicit: only they allow binding beyond loopback; a generated password
 * protects a loopback port, and an operator who opens the node to the network says with whose
 * credentials.
 *
 * @param users null when authentication is off
 * @param explicit whether the credentials were configured explicitly (not generated)
 */
public record ManagementAccess(ManagementUsers users, boolean explicit) {

    /** No authentication (the opt-out); for tests of in-process endpoints too. */
    public static final ManagementAccess OPEN = new ManagementAccess(null, false);

    public boolean required() {
        return users != null;
    }

    /**
     * Resolves the node's access as the settings say; generates the root's users file if needed,
     * saying so on {@code console}.
     *
     * @throws IllegalArgumentException for half-given credentials or an unreadable or bad file
     */
    public static ManagementAccess resolve(Config config, Path root, PrintStream console) throws IOException {
        String user = config.get(ConfigKey.JOLOKIA_USER).orElse(null);
        Path passwordFile = config.getPath(ConfigKey.JOLOKIA_PASSWORD_FILE).orElse(null);
        if ((user == null) != (passwordFile == null)) {
            throw new IllegalArgumentException("Jolokia credentials need both --jolokia-user and --jolokia-password-file");
        }
        if (!config.getBoolean(ConfigKey.MANAGEMENT_AUTH)) {
            if (user != null || config.get(ConfigKey.JOLOKIA_USERS).isPresent()) {
                throw new IllegalArgumentException("--no-auth and credentials (--jolokia-user or --jolokia-users) contradict "
                        + "each other: give one or the other");
            }
            return OPEN;
        }
        if (user != null) {
            return new ManagementAccess(ManagementUsers.single(user, firstLine(passwordFile, "Jolokia password file"),
                    Role.DEPLOYER), true);
        }
        Path usersFile = config.getPath(ConfigKey.JOLOKIA_USERS).orElse(null);
        if (usersFile != null) {
            return new ManagementAccess(ManagementUsers.read(usersFile), true);
        }
        if (ManagementUsers.generate(root)) {
            console.println("hotrel-node: first start: management user " + ManagementUsers.GENERATED_USER
                    + " created; its password is in " + ManagementUsers.passwordFile(root)
                    + " (readable by this OS user only): hotrel --root " + root + " --url URL COMMAND uses it");
        }
        return new ManagementAccess(ManagementUsers.read(ManagementUsers.usersFile(root)), false);
    }

    /** The first line of a secret's file, trimmed. */
    public static String firstLine(Path file, String what) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                throw new IllegalArgumentException(what + " " + file + " is empty");
            }
            return lines.get(0).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
