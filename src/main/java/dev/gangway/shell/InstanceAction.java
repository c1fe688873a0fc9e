package dev.gangway.shell;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import javafx.scene.input.KeyCombination;

import dev.gangway.instance.Instance;

/**
 * One way to act on an instance, as every menu, Enter and double-click offer it.
 *
 * @param id        the menu item's node id
 * @param label     the menu text for an instance (it may differ by platform)
 * @param shortcut  the key that runs it from anywhere in the window, or null
 * @param group     where it is listed: the ways in, or the copy actions
 * @param appliesTo which instances it is offered for (hidden, or disabled in the Edit menu, for the others)
 * @param isDefault whether Enter and double-click run it, for the instances it applies to
 * @param run       what it does
 */
record InstanceAction(String id, Function<Instance, String> label, KeyCombination shortcut, Group group,
                      Predicate<Instance> appliesTo, boolean isDefault, Consumer<Instance> run) {

    enum Group { CONNECT, COPY, LIFECYCLE }

    static InstanceAction connect(String id, String label, Predicate<Instance> appliesTo, boolean isDefault,
            Consumer<Instance> run) {
        return new InstanceAction(id, i -> label, null, Group.CONNECT, appliesTo, isDefault, run);
    }
}
