import CEPACommandLine

CEPACommand.runMain()
