package com.example.orders;

import java.math.BigDecimal;

/** An order once priced and stored: the row in the orders table, and the body of the API's answers. */
public record PlacedOrder(String id, String customer, BigDecimal total, String status) {
}
