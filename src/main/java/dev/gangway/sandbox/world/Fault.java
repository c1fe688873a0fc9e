package dev.gangway.sandbox.world;

/** Errors the sandbox can be told to answer with, per region. */
public enum Fault {
    AUTH_FAILURE(401, "AuthFailure", "AWS was not able to validate the provided access credentials"),
    THROTTLING(503, "RequestLimitExceeded", "Request limit exceeded."),
    SERVER_ERROR(500, "InternalError", "An internal error has occurred"),
    UNAUTHORIZED(403, "UnauthorizedOperation", "You are not authorized to perform this operation."),
    /** What EC2 answers a request signed with temporary credentials that have expired. */
    EXPIRED(400, "RequestExpired", "Request has expired."),
    /** Every second call throttled, the others answered: a listing gets through on the SDK's retries. */
    THROTTLING_HALF(503, "RequestLimitExceeded", "Request limit exceeded."),
    /** Each call taken and never answered (until the sandbox stops): an endpoint that hangs. */
    NO_ANSWER(503, "ServiceUnavailable", "The sandbox is stopping."),
    /** Each call answered 200 with a body cut off mid-element: what a broken proxy or a truncated read gives. */
    GARBLED(200, "", "");

    /** What AWS answers: the HTTP status, its error code and message. */
    public record Answer(int status, String code, String message) {
    }

    private final Answer answer;

    Fault(int status, String code, String message) {
        this.answer = new Answer(status, code, message);
    }

    public Answer answer() {
        return answer;
    }
}
