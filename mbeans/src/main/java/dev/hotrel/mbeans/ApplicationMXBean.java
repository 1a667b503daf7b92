package dev.hotrel.mbeans;

import dev.hotrel.mbeans.jmx.Action;
import dev.hotrel.mbeans.jmx.Description;
import dev.hotrel.mbeans.jmx.Name;

import javax.management.MBeanException;

/**
 * {@code hotrel:type=Application,name=APP}: one application of the running release. Its operations
 * go through the release handler ({@code ApplicationControl}), serialized with installs.
 *
 * <p>It also shows and handles every server the application runs: {@code Servers} (one row per
 * server: name, status, version, queueLength, restarts) and {@code suspendServer(server)},
 * {@code resumeServer(server)}, {@code serverState(server)}, which go through the release
 * handler's {@code ServerControl} exactly as a Server MBean's {@code suspend()}, {@code resume()}
 * and {@code getState()} do (the same busy refusals and errors). For an application that runs
 * more servers than the node's {@code serverMBeans} limit this is the only way to them: such an
 * application has no Server MBeans at all ({@code ServerMBeans} is false); see {@link NodeMBeans}.
 */
@Description("A Hotrel application of the running release: its versions, status, start/stop/purge, and its servers "
        + "(the Servers attribute and the suspendServer, resumeServer and serverState operations)")
public interface ApplicationMXBean {

    @Description("The version it runs now")
    String getVersion();

    @Description("Its old version, still loaded until purged; empty if none")
    String getOldVersion();

    @Description("STARTING, RUNNING, FAILED (its supervisor gave up) or STOPPED")
    String getStatus();

    @Description("Why it failed (its supervisor gave up: after how many restarts, and the last exit), while it is FAILED; empty otherwise")
    String getFailure();

    @Description("Every server it runs now, by name: status (STARTING, RUNNING, SUSPENDED, DOWN, STOPPED), version of the "
            + "code it runs, messages in its mailbox (queueLength) and restarts. The same values as the servers' own MBeans, "
            + "which exist only while ServerMBeans is true")
    ServerInfo[] getServers();

    @Description("Whether each of its servers also has an MBean of its own, hotrel:type=Server,app=APP,name=SERVER: true "
            + "while it runs at most the node's serverMBeans limit of servers (-Dhotrel.serverMBeans, default 100), false "
            + "above it (then none of them has one: use Servers and the operations here)")
    boolean isServerMBeans();

    @Action
    @Description("Suspends one of its servers, as that server's suspend(): lets the message being handled finish, then queues "
            + "every further message until resumeServer. Busy while an install runs")
    void suspendServer(@Name("server") @Description("The server's name, as Servers lists it") String server) throws MBeanException;

    @Action
    @Description("Resumes one of its servers, as that server's resume(): it handles the queued messages again, in order. "
            + "Busy while an install runs: the servers it suspended are its to resume")
    void resumeServer(@Name("server") @Description("The server's name, as Servers lists it") String server) throws MBeanException;

    @Description("One of its servers' state as JSON, as that server's getState(): read between two messages (live objects such "
            + "as sockets shown as text). While an install runs, a suspended server is not read (busy): try again when it has finished")
    String serverState(@Name("server") @Description("The server's name, as Servers lists it") String server) throws MBeanException;

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
