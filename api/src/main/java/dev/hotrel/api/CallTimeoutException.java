package dev.hotrel.api;

/**
 * A call got no reply in time. The request stays queued and may still be handled later; its reply
 * is then dropped, as in OTP.
 */
public class CallTimeoutException extends CallException {

    public CallTimeoutException(String server, long timeoutMillis, String detail) {
        super(server, "call to '" + server + "' got no reply within " + timeoutMillis + " ms" + detail, null);
    }
}
