package dev.gangway.sandbox.ec2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryParams;

/** What every EC2 action of the sandbox shares: its namespace and account, paging, filters, numbers. */
final class Ec2Requests {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String OWNER_ID = dev.gangway.sandbox.world.Permissions.ACCOUNT;
    static final int DEFAULT_PAGE = 1000;

    private Ec2Requests() {
    }

    static int parseInt(String s, int fallback) throws ApiError {
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw ApiError.invalid("InvalidParameterValue", "Invalid value '" + s + "' for port");
        }
    }

    // ---- paging and filters ---------------------------------------------------------------

    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(List<T> all, QueryParams p, int min, int max) throws ApiError {
        int size = DEFAULT_PAGE;
        String maxResults = p.get("MaxResults");
        if (maxResults != null) {
            try {
                size = Integer.parseInt(maxResults);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < min || size > max) {
                throw ApiError.invalid("InvalidParameterValue", "Value ( " + maxResults
                        + " ) for parameter maxResults is invalid. Expecting a value between " + min + " and " + max + ".");
            }
        }
        int start = 0;
        String token = p.get("NextToken");
        if (token != null && !token.isEmpty()) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                        .replace("offset:", ""));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("InvalidParameterValue", "The parameter NextToken is not valid");
            }
        }
        int end = Math.min(all.size(), start + size);
        String next = end < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page<>(start >= all.size() ? List.of() : all.subList(start, end), next);
    }

    static void checkFilters(Map<String, List<String>> filters, String... known) throws ApiError {
        for (String name : filters.keySet()) {
            boolean ok = false;
            for (String k : known) {
                if (k.equals(name) || (k.equals("tag:*") && name.startsWith("tag:"))) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                throw ApiError.invalid("InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
        }
    }

    static boolean matches(Map<String, List<String>> filters, String name, String value) {
        List<String> values = filters.get(name);
        return values == null || (value != null && anyGlob(values, value));
    }

    /** EC2 filter values may use {@code *} and {@code ?} wildcards. */
    static boolean anyGlob(List<String> patterns, String value) {
        if (value == null) {
            return false;
        }
        Predicate<String> any = pattern -> {
            if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
                return pattern.equals(value);
            }
            StringBuilder re = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return value.matches(re.toString());
        };
        return patterns.stream().anyMatch(any);
    }
}
