package io.jenkins.plugins.imagestreams.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The model ({@code stream}, {@code store}, {@code reference} and the {@code workload} values they hold) loads, runs and
 * stores without any fabric8 class: only {@code deploy} talks to Kubernetes. The classes are loaded afresh from core's
 * class folder by a {@link FencedClassLoader} that refuses fabric8, and their constant pools are followed for code no
 * test runs.
 */
public class PureModelTest {
    private static final List<String> MODEL = List.of("stream", "store", "reference", "workload");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void everyModelClassLoadsAndInitializesWithFabric8FencedOff() throws Exception {
        List<String> names = modelClasses();
        assertThat(names).contains("io.jenkins.plugins.imagestreams.stream.TagSpec");
        try (FencedClassLoader loader = fenced()) {
            assertThatThrownBy(() -> loader.loadClass("io.fabric8.kubernetes.api.model.apps.Deployment"))
                    .isInstanceOf(ClassNotFoundException.class);
            for (String name : names) {
                Class<?> type = Class.forName(name, true, loader);
                assertThat(type.getClassLoader()).as(name).isSameAs(loader);
                resolveSignatures(type);
            }
        }
    }

    @Test
    public void streamsWithWorkloadsAndPromotionRecordsRoundTripThroughTheStoreWithFabric8FencedOff() throws Exception {
        try (FencedClassLoader loader = fenced()) {
            @SuppressWarnings("unchecked")
            Function<Path, String> roundTrip =
                    (Function<Path, String>) Class.forName(ModelRoundTrip.class.getName(), true, loader)
                            .getConstructor()
                            .newInstance();

            String stored = roundTrip.apply(tmp.getRoot().toPath());

            assertThat(roundTrip.getClass().getClassLoader()).isSameAs(loader);
            assertThat(stored)
                    .contains("\"deployment/app-prod/web:app\"", "\"kind\" : \"Deployment\"", "\"promotions\"");
        }
    }

    @Test
    public void noModelClassNamesFabric8EvenOnPathsNoTestRuns() throws Exception {
        List<String> starts =
                modelClasses().stream().map(n -> n.replace('.', '/')).toList();

        assertThat(ClassFileReferences.chainsToFabric8(coreClasses(), starts)).isEmpty();
    }

    private static FencedClassLoader fenced() throws Exception {
        return new FencedClassLoader(List.of(coreClasses(), folderOf(PureModelTest.class)));
    }

    /** Core's compiled main classes, {@code target/classes}. */
    private static Path coreClasses() throws Exception {
        return folderOf(ImageStream.class);
    }

    private static Path folderOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Every class, nested ones included, of the model packages, by binary name. */
    private static List<String> modelClasses() throws Exception {
        Path root = coreClasses();
        List<String> names = new ArrayList<>();
        for (String pkg : MODEL) {
            try (Stream<Path> files =
                    Files.list(root.resolve("io/jenkins/plugins/imagestreams").resolve(pkg))) {
                files.map(root::relativize)
                        .map(Path::toString)
                        .filter(f -> f.endsWith(".class"))
                        .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                        .forEach(names::add);
            }
        }
        return names.stream().sorted().toList();
    }

    /** Resolves every type that the fields, constructors, methods and record components name. */
    private static void resolveSignatures(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            field.getGenericType();
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            constructor.getGenericParameterTypes();
        }
        for (Method method : type.getDeclaredMethods()) {
            method.getGenericReturnType();
            method.getGenericParameterTypes();
            method.getGenericExceptionTypes();
        }
        if (type.isRecord()) {
            for (var component : type.getRecordComponents()) {
                component.getGenericType();
            }
        }
    }
}
