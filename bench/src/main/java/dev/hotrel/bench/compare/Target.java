package dev.hotrel.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One target of issue 11, as a line of {@code bench/targets.txt}:
 * {@code FIGURE <TAB> RULE <TAB> what the issue asks}. Rules:
 * <ul>
 *   <li>{@code otp<=X} / {@code otp>=X}: Hotrel's figure divided by OTP's, measured in the same
 *       round, at most / at least X;</li>
 *   <li>{@code <=X} / {@code >=X}: Hotrel's figure itself;</li>
 *   <li>{@code OTHER<=X}: Hotrel's figure divided by Hotrel's figure {@code OTHER} of the same run.</li>
 * </ul>
 */
record Target(String figure, String against, boolean atMost, double bound, String text) {

    private static final Pattern RULE = Pattern.compile("([a-z0-9_]*)(<=|>=)([0-9.eE+-]+)");

    /** Reads the targets file: blank lines and lines starting with {@code #} are skipped. */
    static List<Target> read(Path file) throws IOException {
        List<Target> targets = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t+");
            Matcher m = f.length == 3 ? RULE.matcher(f[1].trim()) : null;
            if (m == null || !m.matches()) {
                throw new IllegalArgumentException(file + ":" + n + ": expected FIGURE<TAB>RULE<TAB>TEXT with RULE like otp<=1, "
                        + "<=0 or other_figure<=1, found: " + line);
            }
            targets.add(new Target(f[0].trim(), m.group(1), m.group(2).equals("<="), Double.parseDouble(m.group(3)), f[2].trim()));
        }
        return targets;
    }

    /** Whether the rule compares with OTP. */
    boolean vsOtp() {
        return against.equals("otp");
    }

    /** Whether the rule divides by another Hotrel figure. */
    boolean vsOther() {
        return !against.isEmpty() && !vsOtp();
    }

    /** Whether {@code value} (a ratio or the figure, as the rule says) meets the bound. */
    boolean met(double value) {
        return atMost ? value <= bound : value >= bound;
    }

    /** The rule in words for the table: "≤ 0.5× OTP", "≤ 2", "≤ 1× tar_sha256_200mb_ms". */
    String describe() {
        String op = atMost ? "≤ " : "≥ ";
        String b = Table.number(bound);
        if (vsOtp()) {
            return op + b + "× OTP";
        }
        if (vsOther()) {
            return op + b + "× " + against;
        }
        return op + b;
    }
}
