package dev.gangway.connect;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import dev.gangway.common.TaskRunner;
import dev.gangway.instance.Instance;
import dev.gangway.settings.SettingsService;

/**
 * Connection work for the window: run off the UI thread with what the user set for the instance,
 * and the answers the user gave on the way (login user, key file) remembered once the work with
 * them succeeded.
 */
public record ConnectTasks(ConnectContext context, TaskRunner tasks, SettingsService settings) {

    /** The work itself, given the options and the questions to ask (which remember their answers). */
    public interface Work<T> {
        T run(ConnectOptions options, ConnectQuestions questions) throws Exception;
    }

    /**
     * Runs {@code work} in the background with the instance's options ({@code adjust}ed); the result
     * or the failure arrives on the UI thread.
     */
    public <T> TaskRunner.Handle run(Instance instance, UnaryOperator<ConnectOptions> adjust, ConnectQuestions questions,
            Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        ConnectOptions options = adjust.apply(context.options(instance, settings.current()));
        RememberedAnswers answers = new RememberedAnswers(questions);
        return tasks.run(() -> work.run(options, answers), result -> {
            answers.keep(instance, settings::update);
            onSuccess.accept(result);
        }, onFailure);
    }
}
