package dev.gangway.sandbox.http;

/** An error an API answers with: HTTP status, AWS error code, message; each protocol renders it its own way. */
public final class ApiError extends Exception {

    public final int status;
    public final String code;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** A 400 with {@code code}: the request itself is wrong. */
    public static ApiError invalid(String code, String message) {
        return new ApiError(400, code, message);
    }
}
