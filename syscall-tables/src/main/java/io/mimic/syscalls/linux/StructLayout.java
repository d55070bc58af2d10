package io.mimic.syscalls.linux;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of one C structure in one ABI: its size and, per field, offset, width, signedness
 * and element count. Loaded from layouts.txt; converting a structure between two ABIs goes field
 * by field by name (see StructConverter in linux-user), never by assuming equal layouts.
 */
public final class StructLayout {
    /** One field: {@code count} elements of {@code width} bytes from {@code offset}. */
    public record Field(String name, int offset, int width, boolean signed, int count) {
        public int end() { return offset + width * count; }
    }

    private final String name;
    private final int size;
    private final List<Field> fields;
    private final Map<String, Field> byName = new LinkedHashMap<>();

    public StructLayout(String name, int size, List<Field> fields) {
        this.name = name;
        this.size = size;
        this.fields = List.copyOf(fields);
        for (Field f : fields) {
            if (f.width() != 1 && f.width() != 2 && f.width() != 4 && f.width() != 8) {
                throw new IllegalArgumentException(name + "." + f.name() + ": width " + f.width());
            }
            if (f.offset() < 0 || f.count() < 1 || f.end() > size) {
                throw new IllegalArgumentException(name + "." + f.name() + " lies outside the " + size + "-byte structure");
            }
            if (byName.put(f.name(), f) != null) throw new IllegalArgumentException(name + ": two fields " + f.name());
        }
    }

    /**
     * Parses "FIELD@OFFSET:TYPE[*COUNT] ..." where TYPE is s1/s2/s4/s8 (signed) or u1/u2/u4/u8.
     */
    public static StructLayout parse(String name, int size, String spec) {
        return parse(name, size, TableText.words(spec), 0);
    }

    /** {@link #parse(String, int, String)} of the fields {@code words[from..]}, already split. */
    public static StructLayout parse(String name, int size, String[] words, int from) {
        List<Field> fields = new java.util.ArrayList<>();
        for (int i = from; i < words.length; i++) {
            String w = words[i];
            int at = w.indexOf('@'), colon = w.indexOf(':', at), star = w.indexOf('*', colon);
            if (at <= 0 || colon < 0) throw new IllegalArgumentException(name + ": bad field " + w);
            String type = star < 0 ? w.substring(colon + 1) : w.substring(colon + 1, star);
            if (type.length() != 2 || (type.charAt(0) != 's' && type.charAt(0) != 'u')) {
                throw new IllegalArgumentException(name + ": bad field type " + w);
            }
            fields.add(new Field(w.substring(0, at), Integer.parseInt(w.substring(at + 1, colon)),
                    type.charAt(1) - '0', type.charAt(0) == 's', star < 0 ? 1 : Integer.parseInt(w.substring(star + 1))));
        }
        return new StructLayout(name, size, fields);
    }

    public String name() { return name; }
    public int size() { return size; }
    public List<Field> fields() { return fields; }

    /** The field of that name, or null. */
    public Field field(String fieldName) { return byName.get(fieldName); }

    /** The offset of a field; fails loudly if the layout lacks it (a Mimic bug). */
    public int offset(String fieldName) {
        Field f = byName.get(fieldName);
        if (f == null) throw new IllegalArgumentException(name + " has no field " + fieldName);
        return f.offset();
    }

    /** True if both layouts have the same size and the same fields at the same places. */
    public boolean sameAs(StructLayout o) {
        return size == o.size && fields.equals(o.fields);
    }

    @Override
    public String toString() {
        return "struct " + name + " (" + size + " bytes)";
    }
}
