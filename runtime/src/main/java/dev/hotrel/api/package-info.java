/**
 * What applications see of Hotrel: the whole contract between an application and the node.
 *
 * <p>An application is loaded by its own classloader, named {@code app@version}, which sees the
 * JDK and this package and nothing else of the node. It implements {@link dev.hotrel.api.Application}
 * (start returns a {@link dev.hotrel.api.SupervisorSpec}) and one or more
 * {@link dev.hotrel.api.Server} callbacks. The runtime owns every server's mailbox, loop and
 * state, so it can swap a server's code between two messages and hand the state to the new
 * code's {@link dev.hotrel.api.Server#codeChange codeChange}.
 *
 * <p>Only JDK types and types of this package cross an application boundary: requests and
 * replies between applications, the start argument of a server, and the state handed to
 * {@code codeChange} (an application's own state classes arrive there as an {@link
 * dev.hotrel.api.OldState}, a neutral tree that the new version converts into its own types).
 *
 * <p>This package is kept small and stable on purpose: everything an application compiles against
 * is here, and it is declared {@code provided} by applications.
 */
package dev.hotrel.api;
