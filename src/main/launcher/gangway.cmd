@echo off
rem Gangway launcher for Windows: `gangway` opens the window, `gangway <command>` runs in the shell.
setlocal
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
set "FLAGS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
if "%~1"=="" set "FLAGS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms64m -Xmx256m -Xmn16m -XX:SurvivorRatio=2 -XX:TargetSurvivorRatio=80 -XX:-ShrinkHeapInSteps -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
"%JAVA%" -Xlog:disable -Xlog:all=warning:stderr %FLAGS% -jar "%~dp0gangway.jar" %*
