package io.stratus.testkit.tools;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only where every named tool is installed; otherwise it is skipped with a
 * printed reason, or failed under {@value SystemTools#REQUIRE}=1 (see {@link SystemTools}). The condition is evaluated
 * before any other extension runs, so a {@code @QuarkusTest} without its tool never starts an application. Such tests
 * carry the tag {@value #TAG} ({@code -Dgroups=system-tool} runs just them).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SystemToolCondition.class)
@Tag(RequiresSystemTool.TAG)
public @interface RequiresSystemTool {
    String TAG = "system-tool";

    SystemTool[] value();
}
