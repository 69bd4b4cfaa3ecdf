(
  CASE
    WHEN (
      TYPEOF(PARSE_JSON("record")) = 'OBJECT'
      AND NOT (
        COALESCE(TYPEOF(GET(PARSE_JSON("record"), 'count')) = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT GET(PARSE_JSON("record"), 'count') IS NULL
          AND TYPEOF(GET(PARSE_JSON("record"), 'count')) <> 'NULL_VALUE'
        )
        AND NOT (
          TYPEOF(GET(PARSE_JSON("record"), 'count')) = 'ARRAY'
        )
      )
      AND (
        (
          TYPEOF(GET(PARSE_JSON("record"), 'count')) IN ('INTEGER', 'DECIMAL', 'DOUBLE')
          AND TRY_TO_DOUBLE(TO_CHAR(GET(PARSE_JSON("record"), 'count'))) >= 10
        )
        OR (
          (
            TYPEOF(GET(PARSE_JSON("record"), 'count')) = 'VARCHAR'
            AND REGEXP_LIKE(
              TO_CHAR(GET(PARSE_JSON("record"), 'count')),
              '-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?',
              'c'
            )
          )
          AND COALESCE(
            TRY_TO_DOUBLE(TO_CHAR(GET(PARSE_JSON("record"), 'count'))) BETWEEN -1.7976931348623157E+308 AND 1.7976931348623157e+308
            AND TRY_TO_DOUBLE(TO_CHAR(GET(PARSE_JSON("record"), 'count'))) >= 10,
            FALSE
          )
        )
      )
    )
    ELSE ARRAY_SIZE(
      FILTER(
        FILTER(
          ARRAY_FLATTEN(
            TRANSFORM(
              ARRAY_FLATTEN(
                TRANSFORM(
                  ARRAY_FLATTEN(
                    TRANSFORM(
                      ARRAY_FLATTEN(
                        TRANSFORM(
                          FILTER(
                            TRANSFORM(
                              FILTER(
                                ARRAY_FLATTEN(
                                  TRANSFORM(
                                    ARRAY_FLATTEN(
                                      TRANSFORM(
                                        ARRAY_FLATTEN(
                                          TRANSFORM(
                                            ARRAY_FLATTEN(
                                              TRANSFORM(
                                                [PARSE_JSON("record")],
                                                x1 -> CASE WHEN TYPEOF(x1) = 'ARRAY' THEN AS_ARRAY(x1) ELSE [x1] END
                                              )
                                            ),
                                            x2 -> CASE WHEN TYPEOF(x2) = 'ARRAY' THEN AS_ARRAY(x2) ELSE [x2] END
                                          )
                                        ),
                                        x3 -> CASE WHEN TYPEOF(x3) = 'ARRAY' THEN AS_ARRAY(x3) ELSE [x3] END
                                      )
                                    ),
                                    x4 -> CASE WHEN TYPEOF(x4) = 'ARRAY' THEN AS_ARRAY(x4) ELSE [x4] END
                                  )
                                ),
                                x5 -> TYPEOF(x5) = 'OBJECT'
                              ),
                              x6 -> GET(x6, 'count')
                            ),
                            x7 -> NOT x7 IS NULL AND TYPEOF(x7) <> 'NULL_VALUE'
                          ),
                          x8 -> CASE WHEN TYPEOF(x8) = 'ARRAY' THEN AS_ARRAY(x8) ELSE [x8] END
                        )
                      ),
                      x9 -> CASE WHEN TYPEOF(x9) = 'ARRAY' THEN AS_ARRAY(x9) ELSE [x9] END
                    )
                  ),
                  x10 -> CASE WHEN TYPEOF(x10) = 'ARRAY' THEN AS_ARRAY(x10) ELSE [x10] END
                )
              ),
              x11 -> CASE WHEN TYPEOF(x11) = 'ARRAY' THEN AS_ARRAY(x11) ELSE [x11] END
            )
          ),
          x12 -> NOT x12 IS NULL AND TYPEOF(x12) <> 'NULL_VALUE'
        ),
        x13 -> (
          TYPEOF(x13) IN ('INTEGER', 'DECIMAL', 'DOUBLE')
          AND TRY_TO_DOUBLE(TO_CHAR(x13)) >= 10
        )
        OR (
          (
            TYPEOF(x13) = 'VARCHAR'
            AND REGEXP_LIKE(TO_CHAR(x13), '-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?', 'c')
          )
          AND COALESCE(
            TRY_TO_DOUBLE(TO_CHAR(x13)) BETWEEN -1.7976931348623157E+308 AND 1.7976931348623157e+308
            AND TRY_TO_DOUBLE(TO_CHAR(x13)) >= 10,
            FALSE
          )
        )
      )
    ) > 0
  END
  AND CASE
    WHEN (
      TYPEOF(PARSE_JSON("record")) = 'OBJECT'
      AND NOT (
        COALESCE(TYPEOF(GET(PARSE_JSON("record"), 'eventTime')) = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT GET(PARSE_JSON("record"), 'eventTime') IS NULL
          AND TYPEOF(GET(PARSE_JSON("record"), 'eventTime')) <> 'NULL_VALUE'
        )
        AND NOT (
          TYPEOF(GET(PARSE_JSON("record"), 'eventTime')) = 'ARRAY'
        )
      )
      AND (
        TYPEOF(GET(PARSE_JSON("record"), 'eventTime')) = 'VARCHAR'
        AND TO_CHAR(GET(PARSE_JSON("record"), 'eventTime')) < '2026-01-01T00:00:00Z'
      )
    )
    ELSE ARRAY_SIZE(
      FILTER(
        FILTER(
          ARRAY_FLATTEN(
            TRANSFORM(
              ARRAY_FLATTEN(
                TRANSFORM(
                  ARRAY_FLATTEN(
                    TRANSFORM(
                      ARRAY_FLATTEN(
                        TRANSFORM(
                          FILTER(
                            TRANSFORM(
                              FILTER(
                                ARRAY_FLATTEN(
                                  TRANSFORM(
                                    ARRAY_FLATTEN(
                                      TRANSFORM(
                                        ARRAY_FLATTEN(
                                          TRANSFORM(
                                            ARRAY_FLATTEN(
                                              TRANSFORM(
                                                [PARSE_JSON("record")],
                                                x14 -> CASE WHEN TYPEOF(x14) = 'ARRAY' THEN AS_ARRAY(x14) ELSE [x14] END
                                              )
                                            ),
                                            x15 -> CASE WHEN TYPEOF(x15) = 'ARRAY' THEN AS_ARRAY(x15) ELSE [x15] END
                                          )
                                        ),
                                        x16 -> CASE WHEN TYPEOF(x16) = 'ARRAY' THEN AS_ARRAY(x16) ELSE [x16] END
                                      )
                                    ),
                                    x17 -> CASE WHEN TYPEOF(x17) = 'ARRAY' THEN AS_ARRAY(x17) ELSE [x17] END
                                  )
                                ),
                                x18 -> TYPEOF(x18) = 'OBJECT'
                              ),
                              x19 -> GET(x19, 'eventTime')
                            ),
                            x20 -> NOT x20 IS NULL AND TYPEOF(x20) <> 'NULL_VALUE'
                          ),
                          x21 -> CASE WHEN TYPEOF(x21) = 'ARRAY' THEN AS_ARRAY(x21) ELSE [x21] END
                        )
                      ),
                      x22 -> CASE WHEN TYPEOF(x22) = 'ARRAY' THEN AS_ARRAY(x22) ELSE [x22] END
                    )
                  ),
                  x23 -> CASE WHEN TYPEOF(x23) = 'ARRAY' THEN AS_ARRAY(x23) ELSE [x23] END
                )
              ),
              x24 -> CASE WHEN TYPEOF(x24) = 'ARRAY' THEN AS_ARRAY(x24) ELSE [x24] END
            )
          ),
          x25 -> NOT x25 IS NULL AND TYPEOF(x25) <> 'NULL_VALUE'
        ),
        x26 -> TYPEOF(x26) = 'VARCHAR' AND TO_CHAR(x26) < '2026-01-01T00:00:00Z'
      )
    ) > 0
  END
)
