package dev.gangway.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The form parameters of an EC2 Query request, with helpers for its numbered lists ({@code InstanceId.1}). */
public final class QueryParams {

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /**
     * The parameters of a form-encoded body or query string.
     *
     * @throws ApiError 400 MalformedQueryString, as AWS answers, for an escape that is not one ({@code %zz})
     */
    public static QueryParams parse(String form) throws ApiError {
        try {
            return decode(form);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "MalformedQueryString", "The request is not well-formed URL encoding: "
                    + e.getMessage());
        }
    }

    private static QueryParams decode(String form) {
        Map<String, String> map = new LinkedHashMap<>();
        if (form != null && !form.isEmpty()) {
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                map.put(k, v);
            }
        }
        return new QueryParams(map);
    }

    public String get(String name) {
        return values.get(name);
    }

    public String action() {
        return values.get("Action");
    }

    /** {@code prefix.1}, {@code prefix.2}, ... in numeric order. */
    public List<String> list(String prefix) {
        Map<Integer, String> ordered = new TreeMap<>();
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)");
        values.forEach((k, v) -> {
            var m = p.matcher(k);
            if (m.matches()) {
                ordered.put(Integer.parseInt(m.group(1)), v);
            }
        });
        return new ArrayList<>(ordered.values());
    }

    /** The sub-parameters of each numbered member: {@code IpPermissions.1.FromPort} becomes {@code FromPort}. */
    public List<QueryParams> members(String prefix) {
        Map<Integer, Map<String, String>> ordered = new TreeMap<>();
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)\\.(.+)");
        values.forEach((k, v) -> {
            var m = p.matcher(k);
            if (m.matches()) {
                ordered.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new LinkedHashMap<>()).put(m.group(2), v);
            }
        });
        return ordered.values().stream().map(QueryParams::new).toList();
    }

    /** EC2 filters: {@code Filter.N.Name} with {@code Filter.N.Value.M}. */
    public Map<String, List<String>> filters() {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (QueryParams f : members("Filter")) {
            String name = f.get("Name");
            if (name != null) {
                filters.computeIfAbsent(name, n -> new ArrayList<>()).addAll(f.list("Value"));
            }
        }
        return filters;
    }
}
