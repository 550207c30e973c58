package com.example.orders;

import java.math.BigDecimal;

/** The event sent to the orders queue for each new order. */
public record OrderPlaced(String orderId, String customer, BigDecimal total) {
}
