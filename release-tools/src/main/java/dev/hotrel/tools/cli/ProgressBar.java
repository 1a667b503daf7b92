package dev.hotrel.tools.cli;

import dev.hotrel.tools.Progress;

import java.io.PrintWriter;

/**
 * A one-line progress bar, redrawn in place with {@code \r}: {@code unpacking [#####     ]  50% 12/24 MB}.
 * Only used when stderr is a terminal, so that logs and pipes never see it. Redraws only when the
 * percentage changes, so that it costs nothing on fast, small archives.
 */
final class ProgressBar implements Progress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private int shown = -1;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void update(long done, long total) {
        if (total <= 0) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == shown) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d%% %s/%s", percent, size(done), size(total)));
        err.flush();
    }

    @Override
    public void finish() {
        if (shown >= 0) {
            err.println();
            err.flush();
            shown = -1;
        }
    }

    static String size(long bytes) {
        if (bytes < 10 << 10) {
            return bytes + " B";
        }
        if (bytes < 10 << 20) {
            return (bytes >> 10) + " KB";
        }
        return (bytes >> 20) + " MB";
    }
}
