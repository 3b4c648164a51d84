package io.stratus.testkit.tools;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The JUnit side of {@link RequiresSystemTool}. */
public final class SystemToolCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<AnnotatedElement> element = context.getElement();
        Optional<RequiresSystemTool> annotation = element.flatMap(
                e -> AnnotationSupport.findAnnotation(e, RequiresSystemTool.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("needs no system tool");
        }
        List<String> reasons = new ArrayList<>();
        for (SystemTool tool : annotation.get().value()) {
            if (!tool.installed()) {
                reasons.add(SystemTools.unavailable(tool, context.getDisplayName()));
            }
        }
        return reasons.isEmpty() ? ConditionEvaluationResult.enabled("its system tools are installed")
                : ConditionEvaluationResult.disabled(String.join("; ", reasons));
    }
}
