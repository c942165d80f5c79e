package com.chatbotsaas.auth.web;

/** A request body naming an account by email; the email goes into the audit event even when the body is invalid. */
public interface CarriesEmail {

    String email();
}
