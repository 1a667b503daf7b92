/**
 * What applications see of Hotrel: the whole contract between an application and the node.
 *
 * <p>An application is loaded by its own classloader, named {@code app@version}, which sees the
 * JDK and this package and nothing else of the node. It implements {@link dev.hotrel.api.Application}
 * ({@code supervisor} describes its {@link dev.hotrel.api.SupervisorSpec supervision tree}) and
 * one or more {@link dev.hotrel.api.Server} callbacks. The runtime owns every server's mailbox, loop
 * and state, so it can swap a server's code between two messages.
 *
 * <p>What an install does to an application whose version changes, in order: every server running
 * in its tree is suspended (calls between moving servers still answered, see
 * {@link dev.hotrel.api.Hotrel}); the supervisors take the new tree; each server's state moves —
 * on an upgrade the new version's {@link dev.hotrel.api.Server#codeChange codeChange} converts it,
 * on a downgrade the version being left converts it down in
 * {@link dev.hotrel.api.Server#downgradeState downgradeState} and the older version's
 * {@code codeChange} receives that; servers the new tree adds start; after the commit the servers
 * resume, {@link dev.hotrel.api.Application#configChange configChange} runs, and servers the new
 * tree dropped stop. A failure before the commit puts every server back on its old code with its
 * old state, in the same process.
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
