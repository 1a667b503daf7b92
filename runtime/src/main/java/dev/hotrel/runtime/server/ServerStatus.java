package dev.hotrel.runtime.server;

/**
 * The status of a server, as management shows it.
 *
 * <table>
 *   <caption>transitions</caption>
 *   <tr><th>status</th><th>trigger</th><th>next</th></tr>
 *   <tr><td>STARTING</td><td>init returned</td><td>RUNNING</td></tr>
 *   <tr><td>RUNNING</td><td>suspend</td><td>SUSPENDED</td></tr>
 *   <tr><td>SUSPENDED</td><td>resume</td><td>RUNNING</td></tr>
 *   <tr><td>RUNNING, SUSPENDED</td><td>crash, purge, restart of a sibling</td><td>DOWN</td></tr>
 *   <tr><td>DOWN</td><td>supervisor restarts it</td><td>RUNNING (or SUSPENDED, if it was)</td></tr>
 *   <tr><td>any</td><td>removed, supervisor gave up, node stops</td><td>STOPPED (final)</td></tr>
 * </table>
 * Messages sent to a server that is SUSPENDED, STARTING or DOWN wait in its mailbox; messages to a
 * STOPPED server fail.
 */
public enum ServerStatus {
    STARTING, RUNNING, SUSPENDED, DOWN, STOPPED
}
