package com.example.orders;

import java.math.BigDecimal;

/** The JSON document kept in S3 for each order: what was ordered and how the pricing function priced it. */
public record Receipt(Order order, BigDecimal total, BigDecimal discount, String pricedBy) {
}
