package dev.hotrel.mbeans;

import dev.hotrel.handler.CheckReport;
import dev.hotrel.handler.ReleaseHandler;
import dev.hotrel.release.AppRef;

import javax.management.MBeanException;
import java.util.Base64;

/** The {@link ReleaseHandlerMXBean}: a thin layer over {@link ReleaseHandler}. */
final class ReleaseHandlerBean implements ReleaseHandlerMXBean {

    private final ReleaseHandler handler;

    ReleaseHandlerBean(ReleaseHandler handler) {
        this.handler = handler;
    }

    /** What the node runs now, for failure messages. */
    String nodeState() {
        return "the node runs " + handler.current().id() + " (permanent: " + handler.permanent().id() + ")";
    }

    @Override
    public String getCurrentVersion() {
        return handler.current().version().toString();
    }

    @Override
    public String getPermanentVersion() {
        return handler.permanent().version().toString();
    }

    @Override
    public String getNextBootVersion() {
        return handler.nextBoot().version().toString();
    }

    @Override
    public ReleaseInfo[] getReleases() {
        return handler.whichReleases().stream().map(e -> new ReleaseInfo(e.version().toString(), e.name(),
                e.status().name().toLowerCase(), e.applications().stream().map(AppRef::toString).toArray(String[]::new)))
                .toArray(ReleaseInfo[]::new);
    }

    @Override
    public boolean isBusy() {
        return handler.busy() != null;
    }

    @Override
    public String getLastOperation() {
        return handler.lastOperation();
    }

    @Override
    public HealthGateInfo getHealthGate() {
        return HealthGateInfo.of(handler.healthGate());
    }

    @Override
    public String unpackRelease(String archive) throws MBeanException {
        return Failures.call(this::nodeState, () -> handler.unpackRelease(archive));
    }

    @Override
    public CheckSummary checkInstallRelease(String version) throws MBeanException {
        return Failures.call(this::nodeState, () -> {
            CheckReport r = handler.checkInstallRelease(version);
            return new CheckSummary(r.from(), r.to(), r.downgrade(), r.restartNode(), r.plan().toArray(String[]::new),
                    r.problems().toArray(String[]::new), r.conversions().toArray(String[]::new));
        });
    }

    @Override
    public InstallSummary installRelease(String version) throws MBeanException {
        return Failures.call(this::nodeState, () -> InstallSummary.of(handler.installRelease(version),
                handler.pendingRestart()));
    }

    @Override
    public void makePermanent(String version) throws MBeanException {
        Failures.run(this::nodeState, () -> handler.makePermanent(version));
    }

    @Override
    public InstallSummary rollback() throws MBeanException {
        return Failures.call(this::nodeState, () -> InstallSummary.of(handler.rollback(), handler.pendingRestart()));
    }

    @Override
    public void removeRelease(String version) throws MBeanException {
        Failures.run(this::nodeState, () -> handler.removeRelease(version));
    }

    @Override
    public String[] verifyRelease(String version) throws MBeanException {
        return Failures.call(this::nodeState, () -> handler.verifyRelease(version).toArray(String[]::new));
    }

    @Override
    public String[] findLeaks() {
        return handler.findLeaks().stream().map(Object::toString).toArray(String[]::new);
    }

    @Override
    public String uploadBegin(String fileName, long size) throws MBeanException {
        return Failures.call(this::nodeState, () -> handler.inbox().begin(fileName, size));
    }

    @Override
    public long uploadChunk(String uploadId, String base64) throws MBeanException {
        return Failures.call(this::nodeState, () -> handler.inbox().append(uploadId, piece(base64)));
    }

    private static byte[] piece(String base64) {
        if (base64 == null) {
            throw new IllegalArgumentException("no piece given (expected the next bytes of the archive in base64)");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the piece is not base64 (" + e.getMessage() + "); the upload is kept: send it again");
        }
    }

    @Override
    public String uploadEnd(String uploadId, String sha256) throws MBeanException {
        return Failures.call(this::nodeState, () -> handler.inbox().finish(uploadId, sha256));
    }
}
