package dev.hotrel.mbeans;

import dev.hotrel.mbeans.jmx.Action;
import dev.hotrel.mbeans.jmx.Description;
import dev.hotrel.mbeans.jmx.Operation;

import javax.management.MBeanException;

/**
 * {@code hotrel:type=Server,app=APP,name=SERVER}: one server (mailbox, loop and state owned by the
 * node). Registered only for the servers of applications that run at most the node's
 * {@code serverMBeans} limit of servers; every server, with or without one, is also shown and
 * handled by its application's MBean ({@link ApplicationMXBean#getServers()},
 * {@code suspendServer}, {@code resumeServer}, {@code serverState}), with the same values and
 * through the same {@code ServerControl}.
 */
@Description("A Hotrel server: a stateful callback whose mailbox, loop and state the node owns")
public interface ServerMXBean {

    @Description("STARTING, RUNNING, SUSPENDED, DOWN (being restarted) or STOPPED")
    String getStatus();

    @Description("The application version whose code it runs")
    String getVersion();

    @Description("Messages waiting in its mailbox")
    int getQueueLength();

    @Description("How many times it was started again (crashes, purges, restarts of siblings)")
    int getRestarts();

    @Action
    @Description("Lets the message being handled finish, then queues every further message until resume. Busy while an install runs")
    void suspend() throws MBeanException;

    @Action
    @Description("Handles the queued messages again, in order. Busy while an install runs: the servers it suspended are its to resume")
    void resume() throws MBeanException;

    @Operation
    @Description("The server's state as JSON, read between two messages (live objects such as sockets shown as text). "
            + "While an install runs, a suspended server is not read (busy): try again when it has finished")
    String getState() throws MBeanException;
}
