package io.jenkins.plugins.imagestreams.store;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the references of compiled classes through their constant pools (JVMS §4.4), so code that no test runs is
 * checked too: class names, descriptors and generic signatures are all {@code CONSTANT_Utf8} entries.
 */
final class ClassFileReferences {
    private static final Pattern OWN = Pattern.compile("io/jenkins/plugins/imagestreams/[A-Za-z0-9_/$]+");

    private ClassFileReferences() {}

    /**
     * Every chain from a class in {@code starts} through the project's classes under {@code classes} to one whose
     * constant pool names a fabric8 class, as {@code a -> b -> c names io/fabric8/...}; empty when there is none.
     *
     * @param starts internal names, {@code io/jenkins/plugins/imagestreams/stream/TagSpec}
     */
    static List<String> chainsToFabric8(Path classes, List<String> starts) throws IOException {
        Map<String, String> reachedFrom = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        starts.forEach(s -> {
            reachedFrom.put(s, null);
            queue.add(s);
        });
        List<String> chains = new ArrayList<>();
        while (!queue.isEmpty()) {
            String current = queue.poll();
            for (String constant : utf8Constants(Files.readAllBytes(classes.resolve(current + ".class")))) {
                if (constant.contains("io/fabric8/") || constant.contains("io.fabric8.")) {
                    chains.add(chain(reachedFrom, current) + " names " + constant);
                }
                Matcher own = OWN.matcher(constant);
                while (own.find()) {
                    String next = own.group();
                    if (!reachedFrom.containsKey(next) && Files.isRegularFile(classes.resolve(next + ".class"))) {
                        reachedFrom.put(next, current);
                        queue.add(next);
                    }
                }
            }
        }
        return chains;
    }

    private static String chain(Map<String, String> reachedFrom, String end) {
        List<String> names = new ArrayList<>();
        for (String at = end; at != null; at = reachedFrom.get(at)) {
            names.add(0, at.substring("io/jenkins/plugins/imagestreams/".length()));
        }
        return String.join(" -> ", names);
    }

    /** The {@code CONSTANT_Utf8} entries of a class file's constant pool. */
    static List<String> utf8Constants(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.skipBytes(4); // minor and major version
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        return strings;
    }
}
