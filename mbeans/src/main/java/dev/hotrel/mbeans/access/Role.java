package dev.hotrel.mbeans.access;

import java.util.Locale;

/**
 * What a management user may do, over Jolokia HTTP and remote JMX alike ({@link ManagementPolicy}
 * decides, per request).
 *
 * <ul>
 *   <li>{@link #OBSERVER}: reads — the {@code hotrel} MBeans' attributes, a server's state,
 *       verification and leak reports, notifications, the non-secret {@code java.lang} attributes.
 *       Changes nothing and loads no code.</li>
 *   <li>{@link #DEPLOYER}: everything an observer may, plus every lifecycle operation (upload,
 *       unpack, check, install, make permanent, roll back, remove; start, stop, purge of
 *       applications; suspend and resume of servers). Whoever deploys can run code on the node.</li>
 * </ul>
 */
public enum Role {
    OBSERVER, DEPLOYER;

    /** The name in the users file: {@code observer}, {@code deployer}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role of(String key) {
        for (Role r : values()) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + key + "' (expected observer or deployer)");
    }
}
