package dev.hotrel.mbeans;

import dev.hotrel.mbeans.jmx.Action;
import dev.hotrel.mbeans.jmx.Description;

import javax.management.MBeanException;

/** {@code hotrel:type=Application,name=APP}: one application of the running release. */
@Description("A Hotrel application of the running release: its versions, status, and start/stop/purge")
public interface ApplicationMXBean {

    @Description("The version it runs now")
    String getVersion();

    @Description("Its old version, still loaded until purged; empty if none")
    String getOldVersion();

    @Description("STARTING, RUNNING, FAILED (its supervisor gave up) or STOPPED")
    String getStatus();

    @Description("Why it failed, if it did; empty otherwise")
    String getFailure();

    @Action
    @Description("Starts the application if it is not running")
    void start() throws MBeanException;

    @Action
    @Description("Stops the application: its servers in reverse start order")
    void stop() throws MBeanException;

    @Action
    @Description("Stops and starts the application: every server's state starts over")
    void restart() throws MBeanException;

    @Action
    @Description("Brutal purge of the old code: servers still running it are restarted on the current code, then it is unloaded")
    String purge() throws MBeanException;

    @Action
    @Description("Soft purge of the old code: refused, changing nothing, while any server still runs it")
    String softPurge() throws MBeanException;
}
