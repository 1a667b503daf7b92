package dev.hotrel.mbeans;

import dev.hotrel.mbeans.jmx.Action;
import dev.hotrel.mbeans.jmx.Description;
import dev.hotrel.mbeans.jmx.Name;

import javax.management.MBeanException;

/**
 * {@code hotrel:type=ReleaseHandler}: the node's releases and their lifecycle. Every operation
 * takes only strings and numbers, so JConsole can call it; every failure is an MBeanException whose
 * message says what failed and what the node runs now.
 */
@Description("Hotrel release handler: unpack, check, install (upgrade or downgrade), make permanent, roll back and "
        + "remove releases of this node. Subscribe here for notifications of every lifecycle transition.")
public interface ReleaseHandlerMXBean {

    @Description("The version of the release the node runs now")
    String getCurrentVersion();

    @Description("The version of the permanent release: the last one made permanent, which the node boots unless a "
            + "release is marked to boot next once (NextBootVersion), and falls back to")
    String getPermanentVersion();

    @Description("The version of the release the next start of the node boots: the one an install marked because it "
            + "asked for a node restart (booted once, as a trial), else the permanent release")
    String getNextBootVersion();

    @Description("Every release in the release root: version, name, status (unpacked, current, permanent, old) and applications")
    ReleaseInfo[] getReleases();

    @Description("Whether a lifecycle operation runs now (a second one would be refused as busy)")
    boolean isBusy();

    @Description("The last lifecycle operation, its outcome and when it ran")
    String getLastOperation();

    @Description("The last health gate: the release on trial (installed, with a health gate in its release.json), its "
            + "state (none, trial, healthy, rolledBack, rollbackFailed, accepted, abandoned), passes so far and needed, "
            + "probes, the last probe, the time allowed and why it decided")
    HealthGateInfo getHealthGate();

    @Action
    @Description("Verifies an archive in the release root's inbox and unpacks it as an unpacked release; returns its version. "
            + "Idempotent for a release already unpacked.")
    String unpackRelease(@Name("archive") @Description("File name of the archive in the inbox, e.g. demo-1.1.0.tar.gz") String archive)
            throws MBeanException;

    @Description("Dry run of installRelease: the plan from the running release, step by step, and every problem. "
            + "Loads and checks the new code (so the install that follows is quick); changes nothing else.")
    CheckSummary checkInstallRelease(@Name("version") @Description("Release version, e.g. 1.1.0") String version)
            throws MBeanException;

    @Action
    @Description("Moves the node to a release, upgrade or downgrade, in place. Servers keep their state and connections; "
            + "callers wait and are served after the switch. A failure before the commit is undone in place. A release "
            + "that asks for a node restart is not switched in place: the reply says so (restarting, restart), then the "
            + "node restarts and boots it once, as a trial; make it permanent once it runs.")
    InstallSummary installRelease(@Name("version") @Description("Release version, e.g. 1.1.0") String version)
            throws MBeanException;

    @Action
    @Description("Makes the running release the one the node boots. Never stops anything. Refused while an application "
            + "of the release does not run (restart it, or roll back): the node would boot a release nobody has seen run.")
    void makePermanent(@Name("version") @Description("The running release's version") String version) throws MBeanException;

    @Action
    @Description("Goes back to the permanent release, in place")
    InstallSummary rollback() throws MBeanException;

    @Action
    @Description("Deletes an unpacked or old release, and the application versions no other release uses")
    void removeRelease(@Name("version") @Description("Release version") String version) throws MBeanException;

    @Description("Checks an unpacked release's files against its checksums; returns one line per problem (none: intact)")
    String[] verifyRelease(@Name("version") @Description("Release version") String version) throws MBeanException;

    @Action
    @Description("Runs the garbage collector and lists purged application versions whose classloader is still alive, "
            + "with what holds it (threads, context classloaders, shutdown hooks, MBeans)")
    String[] findLeaks();

    @Action
    @Description("Starts uploading an archive into the inbox in pieces; returns the upload id")
    String uploadBegin(@Name("fileName") @Description("Plain archive file name, e.g. demo-1.1.0.tar.gz") String fileName,
                       @Name("size") @Description("The archive's size in bytes") long size) throws MBeanException;

    @Action
    @Description("Appends a piece of an upload; returns the bytes received so far")
    long uploadChunk(@Name("uploadId") @Description("The id uploadBegin returned") String uploadId,
                     @Name("base64") @Description("The piece, base64-encoded") String base64) throws MBeanException;

    @Action
    @Description("Completes an upload if its size and SHA-256 match; returns the file name to give unpackRelease")
    String uploadEnd(@Name("uploadId") @Description("The id uploadBegin returned") String uploadId,
                     @Name("sha256") @Description("The archive's SHA-256, hex") String sha256) throws MBeanException;
}
