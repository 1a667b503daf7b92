package dev.hotrel.mbeans;

import dev.hotrel.mbeans.jmx.Action;
import dev.hotrel.mbeans.jmx.Description;

import javax.management.MBeanException;

/**
 * {@code hotrel:type=Application,name=APP}: one application of the running release. Its operations
 * go through the release handler ({@code ApplicationControl}), serialized with installs.
 */
@Description("A Hotrel application of the running release: its versions, status, and start/stop/purge")
public interface ApplicationMXBean {

    @Description("The version it runs now")
    String getVersion();

    @Description("Its old version, still loaded until purged; empty if none")
    String getOldVersion();

    @Description("STARTING, RUNNING, FAILED (its supervisor gave up) or STOPPED")
    String getStatus();

    @Description("Why it failed (its supervisor gave up: after how many restarts, and the last exit), while it is FAILED; empty otherwise")
    String getFailure();

    @Action
    @Description("Starts the application on the running release's version if it is not running; a FAILED one is forgotten and started afresh. Busy while an install runs")
    void start() throws MBeanException;

    @Action
    @Description("Stops the application (its servers in reverse start order), or forgets a FAILED one. Busy while an install runs")
    void stop() throws MBeanException;

    @Action
    @Description("Stops the application (running or FAILED) and starts it afresh on the running release's version: every server's state starts over. Busy while an install runs")
    void restart() throws MBeanException;

    @Action
    @Description("Brutal purge of the old code: servers still running it are restarted on the current code, then it is unloaded")
    String purge() throws MBeanException;

    @Action
    @Description("Soft purge of the old code: refused, changing nothing, while any server still runs it")
    String softPurge() throws MBeanException;
}
