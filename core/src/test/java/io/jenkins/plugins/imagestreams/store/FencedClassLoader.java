package io.jenkins.plugins.imagestreams.store;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the project's own classes itself, child-first, from the given class folders, and every other class from a
 * parent that refuses all of fabric8: a class that needs fabric8 to load, link or run fails with {@link
 * NoClassDefFoundError}, even though fabric8 is on the test class path.
 */
final class FencedClassLoader extends URLClassLoader {
    static final String OWN = "io.jenkins.plugins.imagestreams.";
    static final String FENCED = "io.fabric8.";

    FencedClassLoader(List<Path> classFolders) {
        super(urls(classFolders), new NoFabric8(FencedClassLoader.class.getClassLoader()));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(OWN)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = findClass(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private static URL[] urls(List<Path> folders) {
        return folders.stream()
                .map(folder -> {
                    try {
                        return folder.toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toArray(URL[]::new);
    }

    /** Its parent's classes, but no fabric8 one. */
    private static final class NoFabric8 extends ClassLoader {
        NoFabric8(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(FENCED)) {
                throw new ClassNotFoundException(name + " is fenced off: the model must load without Kubernetes");
            }
            return super.loadClass(name, resolve);
        }
    }
}
