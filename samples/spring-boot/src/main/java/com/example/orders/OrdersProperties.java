package com.example.orders;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The names of the order shop's AWS resources, and whether the application creates them when it starts. */
@ConfigurationProperties("orders")
public record OrdersProperties(String bucket, String table, String queue, String pricingFunction, boolean provision) {
}
