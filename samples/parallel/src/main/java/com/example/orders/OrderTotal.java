package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.List;
import java.util.Map;

/**
 * The project's Lambda function: adds up an order's lines, and says which deployment answered (the OWNER variable of
 * its environment).
 */
public class OrderTotal implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> order, Context context) {
        int total = 0;
        for (Map<String, Object> line : (List<Map<String, Object>>) order.getOrDefault("lines", List.of())) {
            total += ((Number) line.get("quantity")).intValue() * ((Number) line.get("price")).intValue();
        }
        return Map.of("owner", String.valueOf(System.getenv("OWNER")), "total", total,
                "function", context.getFunctionName());
    }
}
