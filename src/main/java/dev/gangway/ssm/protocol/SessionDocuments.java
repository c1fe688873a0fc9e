package dev.gangway.ssm.protocol;

/** The AWS-owned Session Manager documents a session is started with, named as AWS names them. */
public final class SessionDocuments {

    /** The default: an interactive shell (Standard_Stream). */
    public static final String SHELL = "SSM-SessionManagerRunShell";
    /** One command run without a terminal; its exit status is sent at the end. */
    public static final String NON_INTERACTIVE_COMMAND = "AWS-StartNonInteractiveCommand";

    private SessionDocuments() {
    }
}
