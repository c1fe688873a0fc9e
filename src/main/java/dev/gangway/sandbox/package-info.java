/**
 * The built-in sandbox cloud: AWS-compatible endpoints on loopback and real SSH servers whose
 * shells run as the user who started it. Because a request here can end in a shell as that user,
 * every listener in this package, today's and those to come (WebSockets of Session Manager and of
 * Instance Connect Endpoint, agent ports), follows these rules:
 * <ol>
 * <li><b>Loopback only.</b> Bind to 127.0.0.1 (or ::1), never to a wildcard or an outside address.</li>
 * <li><b>Only this run's key.</b> API requests carry a SigV4 signature made with the
 * {@link dev.gangway.sandbox.http.SandboxCredentials} drawn at random for this run, never a constant; any
 * other key is refused with AWS's own error codes. Tokens a later call needs (stream tokens, pushed
 * SSH keys) are random too and only handed out in answer to a signed request. The key reaches
 * Gangway's own SDK clients in memory; it is shown only to the starter ({@code gangway sandbox}
 * prints it on its terminal or writes it to a 0600 file) and never goes into a log line, a command
 * line, a child process's environment or a file others can read.</li>
 * <li><b>No web pages.</b> Every HTTP request, WebSocket upgrades included, passes
 * {@link dev.gangway.sandbox.http.LoopbackGuard}: its {@code Host} must be a loopback name with the
 * listener's port (DNS rebinding), and a request with an {@code Origin} header is refused (only
 * browsers send one, and browsers open WebSockets across origins without a CORS preflight). The
 * guard is the first handler of the sandbox's one listener ({@link dev.gangway.sandbox.http.SandboxHttp});
 * WebSocket endpoints are registered on it ({@code SandboxCloud.webSocket}) rather than on a port of
 * their own; a listener that cannot be behind it must apply the same rule.</li>
 * <li><b>Private files.</b> The data folder is 0700 and its key files 0600; the SSH servers accept
 * the sandbox key pair and keys pushed through a request signed with this run's key, nothing else.</li>
 * </ol>
 */
package dev.gangway.sandbox;
