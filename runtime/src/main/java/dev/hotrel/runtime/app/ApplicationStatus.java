package dev.hotrel.runtime.app;

/**
 * The status of a running application.
 *
 * <table>
 *   <caption>transitions</caption>
 *   <tr><th>status</th><th>trigger</th><th>next</th></tr>
 *   <tr><td>STARTING</td><td>every server started</td><td>RUNNING</td></tr>
 *   <tr><td>STARTING</td><td>a server's init failed</td><td>FAILED</td></tr>
 *   <tr><td>RUNNING</td><td>its supervisor exceeded the restart intensity</td><td>FAILED</td></tr>
 *   <tr><td>RUNNING, FAILED</td><td>stop</td><td>STOPPED</td></tr>
 * </table>
 * STOPPED is final for this object; starting the application again makes a new one.
 */
public enum ApplicationStatus {
    STARTING, RUNNING, FAILED, STOPPED
}
