package com.chatbotsaas.userorg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class UserOrgApplication {

    public static void main(String[] args) {
        SpringApplication.run(UserOrgApplication.class, args);
    }
}
