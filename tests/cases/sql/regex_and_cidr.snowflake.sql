(
  CASE
    WHEN (
      TYPEOF(PARSE_JSON("record")) = 'OBJECT'
      AND NOT (
        COALESCE(TYPEOF(GET(PARSE_JSON("record"), 'sourceIPAddress')) = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT GET(PARSE_JSON("record"), 'sourceIPAddress') IS NULL
          AND TYPEOF(GET(PARSE_JSON("record"), 'sourceIPAddress')) <> 'NULL_VALUE'
        )
        AND NOT (
          TYPEOF(GET(PARSE_JSON("record"), 'sourceIPAddress')) = 'ARRAY'
        )
      )
      AND (
        TYPEOF(GET(PARSE_JSON("record"), 'sourceIPAddress')) = 'VARCHAR'
        AND REGEXP_LIKE(
          TO_CHAR(GET(PARSE_JSON("record"), 'sourceIPAddress')),
          '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])',
          'c'
        )
        AND TRY_TO_NUMBER(SPLIT_PART(TO_CHAR(GET(PARSE_JSON("record"), 'sourceIPAddress')), '.', 1)) * 16777216 + TRY_TO_NUMBER(SPLIT_PART(TO_CHAR(GET(PARSE_JSON("record"), 'sourceIPAddress')), '.', 2)) * 65536 + TRY_TO_NUMBER(SPLIT_PART(TO_CHAR(GET(PARSE_JSON("record"), 'sourceIPAddress')), '.', 3)) * 256 + TRY_TO_NUMBER(SPLIT_PART(TO_CHAR(GET(PARSE_JSON("record"), 'sourceIPAddress')), '.', 4)) * 1 BETWEEN 167772160 AND 184549375
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
                              x6 -> GET(x6, 'sourceIPAddress')
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
        x13 -> TYPEOF(x13) = 'VARCHAR'
        AND REGEXP_LIKE(
          TO_CHAR(x13),
          '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])',
          'c'
        )
        AND TRY_TO_NUMBER(SPLIT_PART(TO_CHAR(x13), '.', 1)) * 16777216 + TRY_TO_NUMBER(SPLIT_PART(TO_CHAR(x13), '.', 2)) * 65536 + TRY_TO_NUMBER(SPLIT_PART(TO_CHAR(x13), '.', 3)) * 256 + TRY_TO_NUMBER(SPLIT_PART(TO_CHAR(x13), '.', 4)) * 1 BETWEEN 167772160 AND 184549375
      )
    ) > 0
  END
  OR CASE
    WHEN (
      TYPEOF(PARSE_JSON("record")) = 'OBJECT'
      AND NOT (
        COALESCE(TYPEOF(GET(PARSE_JSON("record"), 'userName')) = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT GET(PARSE_JSON("record"), 'userName') IS NULL
          AND TYPEOF(GET(PARSE_JSON("record"), 'userName')) <> 'NULL_VALUE'
        )
        AND NOT (
          TYPEOF(GET(PARSE_JSON("record"), 'userName')) = 'ARRAY'
        )
      )
      AND (
        TYPEOF(GET(PARSE_JSON("record"), 'userName')) = 'VARCHAR'
        AND REGEXP_INSTR(TO_CHAR(GET(PARSE_JSON("record"), 'userName')), '^svc-[a-z]+$', 1, 1, 0, 'c') > 0
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
                              x19 -> GET(x19, 'userName')
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
        x26 -> TYPEOF(x26) = 'VARCHAR'
        AND REGEXP_INSTR(TO_CHAR(x26), '^svc-[a-z]+$', 1, 1, 0, 'c') > 0
      )
    ) > 0
  END
)
