package com.chatbotsaas.userorg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class UserOrgApplication {

    public static void main(String[] args) {
        SpringApplication.run(UserOrgApplication.class, args);
    }
}
