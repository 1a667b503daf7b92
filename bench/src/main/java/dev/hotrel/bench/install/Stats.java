package dev.hotrel.bench.install;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and extremes of samples. */
public final class Stats {

    private Stats() {
    }

    /** The median: the middle sample, or the mean of the two middle ones. */
    public static double median(List<? extends Number> samples) {
        List<Double> s = sorted(samples);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    public static double max(List<? extends Number> samples) {
        return sorted(samples).get(samples.size() - 1);
    }

    public static double min(List<? extends Number> samples) {
        return sorted(samples).get(0);
    }

    private static List<Double> sorted(List<? extends Number> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> s = new ArrayList<>(samples.size());
        samples.forEach(x -> s.add(x.doubleValue()));
        Collections.sort(s);
        return s;
    }

    /** Nanoseconds as milliseconds. */
    public static double ms(long nanos) {
        return nanos / 1e6;
    }
}
