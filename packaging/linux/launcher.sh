#!/bin/bash
# Gangway's launchers on Linux, bin/Gangway (the window) and bin/gangway-cli (shells; the package links
# it as /usr/bin/gangway), put by the build in place of jpackage's: those ask rpm and then dpkg which
# package owns them at every start, and `dpkg -S` reads the whole package database (about half a
# second on a 2-core machine). This reads the settings jpackage wrote for the launcher of the same name
# (lib/app/<name>.cfg: JVM options, class path, main class) and starts the bundled runtime with them.
# README, "Install it".
self=$(readlink -f "$0")
root=${self%/bin/*}
app=$root/lib/app
name=${self##*/}
# `gangway` with no command (nothing, or only the window's own options) opens the window, so it
# starts with the window's settings (heap, AOT cache), as bin/Gangway does. The options are those
# GangwayCommand.windowOnly reads (GangwayCommandTest holds the two lists together).
if [ "$name" = gangway-cli ]; then
    name=Gangway
    value=
    for arg in "$@"; do
        if [ -n "$value" ]; then value=; continue; fi
        case $arg in
            --sandbox|--no-sandbox-ssh|--exit-when-populated|--verbose|--sandbox-filler=*) ;;
            --sandbox-filler) value=1 ;;
            *) name=gangway-cli; break ;;
        esac
    done
fi
options=()
classpath=
main=
while IFS= read -r line || [ -n "$line" ]; do
    line=${line//\$APPDIR/$app}
    line=${line//\$BINDIR/$root/bin}
    line=${line//\$ROOTDIR/$root}
    case $line in
        app.classpath=*) classpath=${classpath:+$classpath:}${line#app.classpath=} ;;
        app.mainclass=*) main=${line#app.mainclass=} ;;
        java-options=*) options+=("${line#java-options=}") ;;
    esac
done < "$app/$name.cfg" || exit 1
# No GPU device node: JavaFX draws in software, and GTK should not probe OpenGL for nothing (as
# target/gangway does; the app sets it itself, through JNA, when it was started some other way).
if ! compgen -G '/dev/dri/renderD*' > /dev/null && [ ! -e /dev/nvidia0 ]; then
    export GDK_GL=${GDK_GL:-disable}
fi
# A shell command starts with the AOT cache the build trained for it (pom.xml, ShellTraining), when
# there is one: `ssh` has its own, a third of the size of the one the other commands share.
if [ "$name" = gangway-cli ]; then
    cache=$app/gangway-shell.aot
    for arg in "$@"; do
        case $arg in
            # A connection needs little heap: 32 MB with a 16 MB young generation meets the connect's
            # ~23 MB of allocation with one young collection (16 MB in all: five and a full one, ~25 ms).
            ssh) cache=$app/gangway-ssh.aot; options+=(-Xms32m -Xmn16m) ;;
            -*) continue ;;
        esac
        break
    done
    [ -f "$cache" ] && options+=("-XX:AOTCache=$cache")
fi
exec "$root/lib/runtime/bin/java" "${options[@]}" -Djpackage.app-path="$self" -cp "$classpath" "$main" "$@"
