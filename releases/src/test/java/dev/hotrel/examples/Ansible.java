package dev.hotrel.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real {@code ansible-playbook}, installed from Debian's packages when missing (CI runs as root). */
final class Ansible {

    private Ansible() {
    }

    record Run(int code, String output, long millis) {
    }

    /** Makes sure {@code ansible-playbook} runs here: installs {@code ansible-core} with apt-get if it is missing. */
    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (onPath("ansible-playbook")) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("ansible-playbook is not installed and this test is not root, so it cannot "
                    + "install it: apt-get install ansible-core (or pip install ansible-core), then run the tests again");
        }
        String out = run(List.of("apt-get", "install", "-y", "--no-install-recommends", "ansible-core"), 600);
        if (!onPath("ansible-playbook")) {
            out += run(List.of("apt-get", "update"), 600);
            out += run(List.of("apt-get", "install", "-y", "--no-install-recommends", "ansible-core"), 600);
        }
        if (!onPath("ansible-playbook")) {
            throw new IllegalStateException("could not install ansible-core with apt-get:\n" + out);
        }
    }

    /** Runs {@code ansible-playbook} with the repository's collections; its exit code and whole output. */
    static Run playbook(Path inventory, Path playbook, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", inventory.toString(), playbook.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs one module on {@code hosts} ({@code ansible HOSTS -m MODULE -a ARGS}). */
    static Run adhoc(Path inventory, String hosts, String module, String args) throws IOException, InterruptedException {
        return run(List.of("ansible", hosts, "-i", inventory.toString(), "-m", module, "-a", args));
    }

    /** The repository's {@code ansible/} folder, where ANSIBLE_COLLECTIONS_PATH finds hotrel.node. */
    static final Path COLLECTIONS = Path.of("../ansible").toAbsolutePath().normalize();

    private static Run run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("ANSIBLE_COLLECTIONS_PATH", COLLECTIONS.toString());
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_FORCE_COLOR", "0");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        env.put("ANSIBLE_LOCAL_TEMP", Path.of("target/fleet/ansible-tmp").toAbsolutePath().toString());
        env.put("ANSIBLE_PYTHON_INTERPRETER", "auto_silent");
        long start = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not end:\n" + output);
        }
        System.out.println(output);
        return new Run(p.exitValue(), output, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(seconds, TimeUnit.SECONDS);
        return out;
    }
}
