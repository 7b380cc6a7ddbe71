package io.jenkins.plugins.imagestreams.jenkins.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.List;
import jenkins.model.Jenkins;

/** Runs a core parser for a form field: ok when it accepts the value, its message as the error when not. */
final class FormChecks {
    private FormChecks() {}

    /** A parser call; core's exceptions carry the message to show. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    /** Checks ADMINISTER, then runs {@code check} unless the value is blank (blank values are checked elsewhere). */
    static FormValidation admin(String value, Check check) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        return run(check);
    }

    /** Runs {@code check}; the permission is the caller's. */
    static FormValidation run(Check check) {
        try {
            check.run();
            return FormValidation.ok();
        } catch (RuntimeException e) {
            return FormValidation.error(e.getMessage());
        } catch (Exception e) {
            return FormValidation.error(e, e.getMessage());
        }
    }

    /** Checks ADMINISTER, then an error when the value is blank, else what {@code check} says. */
    static FormValidation required(String value, Check check) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        FormValidation required = FormValidation.validateRequired(value);
        return required.kind != FormValidation.Kind.OK ? required : run(check);
    }

    /**
     * The global credentials of {@code kinds} for a settings field, listed for administrators only (others see the
     * current value alone), as SYSTEM sees them.
     */
    @SafeVarargs
    static ListBoxModel globalCredentials(String current, Class<? extends StandardCredentials>... kinds) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return model.includeCurrentValue(current);
        }
        model.includeEmptyValue();
        for (Class<? extends StandardCredentials> kind : kinds) {
            model.includeAs(ACL.SYSTEM2, Jenkins.get(), kind, List.of());
        }
        return model.includeCurrentValue(current);
    }

    /** A stream's namespace: required, and a DNS-1123 label as core's {@link StreamName} checks it. */
    static FormValidation namespace(String value) {
        return required(value, () -> StreamName.of(value.strip(), "x"));
    }
}
