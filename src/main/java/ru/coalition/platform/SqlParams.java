package ru.coalition.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named parameters of one SQL statement composed from parts written by several features (a segment's conditions):
 * each part binds its values here and writes the name it gets back, so no two parts' names clash.
 */
public final class SqlParams {

    private final String prefix;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public SqlParams(String prefix) {
        this.prefix = prefix;
    }

    /** Binds a value (never null) and answers its placeholder, e.g. ":s3". */
    public String bind(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("a bound value is never null");
        }
        String name = prefix + values.size();
        values.put(name, value);
        return ":" + name;
    }

    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }
}
