package dev.hotrel.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The side-by-side table of {@code bench/compare.sh}: reads the JSON figure lines of each Hotrel run
 * and each OTP run (run {@code i} of one side was interleaved with run {@code i} of the other),
 * and prints one Markdown table: figure, Hotrel median [min–max], OTP median [min–max], ratio
 * (the median over the rounds of Hotrel's figure divided by OTP's of the same round), the target
 * from {@code bench/targets.txt} ({@link Target}), and whether it is met.
 *
 * <p>Where OTP has no figure of a name but an equivalent, the equivalent stands in and the cell says
 * so: {@code window_N_servers_ms} (N servers moved by one Hotrel install) is compared with OTP's
 * {@code lowlevel_window_N_us} (N processes through {@code sys:suspend}, {@code sys:change_code},
 * {@code sys:resume}, as the issue's own table does), in ms.
 *
 * <p>Arguments: {@code --targets FILE [--hotrel FILE...] [--otp FILE...] [--otp-skipped WHY]}.
 */
public final class Table {

    /** The figures, in the order of its list; others follow in the order they were first printed. */
    private static final List<String> ORDER = List.of("call_uncontended", "call_8_clients", "lowlevel_window_us",
            "install_cold_ms", "install_warm_idle_ms", "install_warm_4clients_ms", "install_window_4clients_ms",
            "longest_call_during_install_ms", "longest_call_between_installs_ms", "window_1000_servers_ms",
            "window_10000_servers_ms", "window_100000_servers_ms", "window_growth_10000_over_1000",
            "window_growth_100000_over_10000", "heap_per_idle_server_bytes", "cycles_loaded_classes_growth",
            "cycles_metaspace_growth_bytes", "cycles_live_loaders_max_per_app", "unpack_200mb_ms", "tar_sha256_200mb_ms",
            "restart_downtime_ms", "restart_failed_requests", "inplace_downtime_ms", "inplace_failed_requests",
            "failed_calls", "count_went_back");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Table() {
    }

    public static void main(String[] args) throws IOException {
        Path targetsFile = null;
        List<Path> hotrel = new ArrayList<>();
        List<Path> otp = new ArrayList<>();
        String otpSkipped = null;
        List<Path> into = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--targets" -> targetsFile = Paths.get(args[++i]);
                case "--hotrel" -> into = hotrel;
                case "--otp" -> into = otp;
                case "--otp-skipped" -> otpSkipped = args[++i];
                default -> {
                    if (into == null) {
                        throw new IllegalArgumentException("usage: Table --targets FILE [--hotrel FILE...] [--otp FILE...] "
                                + "[--otp-skipped WHY]; unexpected " + args[i]);
                    }
                    into.add(Paths.get(args[i]));
                }
            }
        }
        if (targetsFile == null) {
            throw new IllegalArgumentException("--targets FILE is required");
        }
        List<Target> targets = Target.read(targetsFile);
        List<Map<String, Double>> h = read(hotrel);
        List<Map<String, Double>> o = otpSkipped == null ? read(otp) : List.of();
        Map<String, String> otpNotes = equivalents(o);
        Map<String, String> units = new LinkedHashMap<>();
        readUnits(hotrel, units);
        readUnits(otp, units);
        System.out.print(render(targets, h, o, otpSkipped, otpNotes, units));
    }

    static String render(List<Target> targets, List<Map<String, Double>> h, List<Map<String, Double>> o, String otpSkipped,
                         Map<String, String> otpNotes, Map<String, String> units) {
        Set<String> names = new LinkedHashSet<>();
        for (String f : ORDER) {
            names.add(f);
            names.add(f + "_max");
        }
        h.forEach(run -> names.addAll(run.keySet()));
        o.forEach(run -> names.addAll(run.keySet()));
        StringBuilder out = new StringBuilder();
        out.append("| figure | Hotrel median [min–max] | OTP median [min–max] | Hotrel / OTP | target | met? |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (String name : names) {
            List<Double> hv = values(h, name);
            List<Double> ov = values(o, name);
            if (hv.isEmpty() && ov.isEmpty()) {
                continue;
            }
            Double ratio = pairedRatio(h, name, o, name);
            Target target = targets.stream().filter(t -> t.figure().equals(name)).findFirst().orElse(null);
            String unit = units.getOrDefault(name, "");
            out.append("| ").append(name).append(unit.isEmpty() || name.endsWith("_" + unit) ? "" : " (" + unit + ")")
                    .append(" | ").append(summary(hv))
                    .append(" | ").append(otpSkipped != null ? "skipped" : summary(ov)
                            + (otpNotes.containsKey(name) && !ov.isEmpty() ? " (" + otpNotes.get(name) + ")" : ""))
                    .append(" | ").append(ratio == null ? "—" : number(ratio) + "×")
                    .append(" | ").append(target == null ? "—" : target.describe() + " (" + target.text() + ")")
                    .append(" | ").append(target == null ? "—" : verdict(target, hv, ratio, h, otpSkipped))
                    .append(" |\n");
        }
        if (otpSkipped != null) {
            out.append("\nOTP columns skipped: ").append(otpSkipped).append('\n');
        }
        out.append("\nRuns: ").append(h.size()).append(" Hotrel, ").append(otpSkipped != null ? "0" : String.valueOf(o.size()))
                .append(" OTP, interleaved; medians over runs; the ratio is the median over rounds of Hotrel's figure divided"
                        + " by OTP's of the same round.\n");
        return out.toString();
    }

    private static String verdict(Target t, List<Double> hv, Double ratio, List<Map<String, Double>> h, String otpSkipped) {
        if (t.vsOtp()) {
            if (ratio == null) {
                return otpSkipped != null ? "n/a (OTP skipped)" : "n/a (no OTP figure)";
            }
            return t.met(ratio) ? "met" : "**missed**";
        }
        if (t.vsOther()) {
            Double r = pairedRatio(h, t.figure(), h, t.against());
            if (r == null) {
                return "n/a (no " + t.against() + ")";
            }
            return (t.met(r) ? "met" : "**missed**") + " (" + number(r) + "×)";
        }
        if (hv.isEmpty()) {
            return "n/a (not measured)";
        }
        return t.met(median(hv)) ? "met" : "**missed**";
    }

    /** The median over rounds {@code i} of {@code a_i(x) / b_i(y)}, over rounds where both exist; null if none. */
    private static Double pairedRatio(List<Map<String, Double>> a, String x, List<Map<String, Double>> b, String y) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Double p = a.get(i).get(x);
            Double q = b.get(i).get(y);
            if (p != null && q != null && q != 0) {
                ratios.add(p / q);
            }
        }
        return ratios.isEmpty() ? null : median(ratios);
    }

    private static List<Double> values(List<Map<String, Double>> runs, String name) {
        List<Double> v = new ArrayList<>();
        runs.forEach(run -> {
            if (run.containsKey(name)) {
                v.add(run.get(name));
            }
        });
        return v;
    }

    private static String summary(List<Double> v) {
        if (v.isEmpty()) {
            return "—";
        }
        if (v.size() == 1) {
            return number(v.get(0));
        }
        return number(median(v)) + " [" + number(Collections.min(v)) + "–" + number(Collections.max(v)) + "]";
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Three significant digits; thousands as k and millions as M from 10,000 up. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1e7) {
            return sig(v / 1e6) + " M";
        }
        if (a >= 1e4) {
            return sig(v / 1e3) + " k";
        }
        return sig(v);
    }

    private static String sig(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e4) {
            return String.valueOf((long) v);
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Each file's figures (the last value of a name wins), with the growth of the many-server window added. */
    private static List<Map<String, Double>> read(List<Path> files) throws IOException {
        List<Map<String, Double>> runs = new ArrayList<>();
        for (Path f : files) {
            Map<String, Double> run = new LinkedHashMap<>();
            for (String line : Files.readAllLines(f)) {
                JsonNode n = parse(line);
                if (n != null) {
                    run.put(n.get("figure").asText(), n.get("value").asDouble());
                }
            }
            growth(run, 1_000, 10_000);
            growth(run, 10_000, 100_000);
            runs.add(run);
        }
        return runs;
    }

    /**
     * Adds, to each OTP run, {@code window_N_servers_ms} from {@code lowlevel_window_N_us} where the
     * former is missing; returns the notes for the cells so filled.
     */
    private static Map<String, String> equivalents(List<Map<String, Double>> runs) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Map<String, Double> run : runs) {
            for (int n : List.of(1_000, 10_000, 100_000)) {
                String name = "window_" + n + "_servers_ms";
                Double low = run.get("lowlevel_window_" + n + "_us");
                if (!run.containsKey(name) && low != null) {
                    run.put(name, low / 1000);
                    notes.put(name, "lowlevel_window_" + n + "_us");
                }
            }
            growth(run, 1_000, 10_000);
            growth(run, 10_000, 100_000);
        }
        return notes;
    }

    private static void growth(Map<String, Double> run, int from, int to) {
        Double a = run.get("window_" + from + "_servers_ms");
        Double b = run.get("window_" + to + "_servers_ms");
        if (a != null && b != null && a > 0) {
            run.put("window_growth_" + to + "_over_" + from, b / a);
        }
    }

    private static void readUnits(List<Path> files, Map<String, String> units) throws IOException {
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                JsonNode n = parse(line);
                if (n != null && n.hasNonNull("unit")) {
                    units.putIfAbsent(n.get("figure").asText(), n.get("unit").asText());
                }
            }
        }
        units.putIfAbsent("window_growth_10000_over_1000", "x");
        units.putIfAbsent("window_growth_100000_over_10000", "x");
    }

    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(line);
            return n.hasNonNull("figure") && n.path("value").isNumber() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
