package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Optional;

/**
 * How an application version is reached from earlier versions and left for them again,
 * {@code lib/APP-VSN/appup.json}: OTP's {@code .appup}. Optional in an application's folder; an
 * application without one can only be added to or removed from a release, never changed.
 *
 * <pre>{@code
 * {
 *   "version": "1.1.0",
 *   "upFrom": [ {"version": "1.0.*", "instructions": [ {"update": "counter", "extra": {"step": 1}} ]} ],
 *   "downTo": [ {"version": "1.0.*", "instructions": [ {"update": "counter"} ]} ]
 * }
 * }</pre>
 *
 * <p>As in OTP, the first entry whose version matches wins, and both directions are written by
 * the <em>new</em> version: {@code downTo} says how to go back from this version to an older one.
 *
 * @param version the application version this appup belongs to; must agree with its {@code app.json}
 * @param upFrom upgrade instructions per earlier version; optional, default empty
 * @param downTo downgrade instructions per earlier version; optional, default empty
 */
@JsonPropertyOrder({"version", "upFrom", "downTo"})
public record Appup(Version version, List<AppupEntry> upFrom, List<AppupEntry> downTo) {

    public Appup {
        Names.required("version", version);
        upFrom = entries("upFrom", upFrom);
        downTo = entries("downTo", downTo);
    }

    private static List<AppupEntry> entries(String field, List<AppupEntry> entries) {
        if (entries == null) {
            return List.of();
        }
        for (int i = 0; i < entries.size(); i++) {
            Names.required(field + "[" + i + "]", entries.get(i));
        }
        return List.copyOf(entries);
    }

    /** The first {@code upFrom} entry matching {@code from}. */
    public Optional<AppupEntry> upgradeFrom(Version from) {
        return upFrom.stream().filter(e -> e.version().matches(from)).findFirst();
    }

    /** The first {@code downTo} entry matching {@code to}. */
    public Optional<AppupEntry> downgradeTo(Version to) {
        return downTo.stream().filter(e -> e.version().matches(to)).findFirst();
    }
}
