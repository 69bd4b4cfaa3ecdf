(
  CASE
    WHEN (
      TYPEOF(PARSE_JSON("record")) = 'OBJECT'
      AND NOT (
        COALESCE(TYPEOF(GET(PARSE_JSON("record"), 'eventName')) = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT GET(PARSE_JSON("record"), 'eventName') IS NULL
          AND TYPEOF(GET(PARSE_JSON("record"), 'eventName')) <> 'NULL_VALUE'
        )
        AND NOT (
          TYPEOF(GET(PARSE_JSON("record"), 'eventName')) = 'ARRAY'
        )
      )
      AND (
        TYPEOF(GET(PARSE_JSON("record"), 'eventName')) = 'VARCHAR'
        AND STARTSWITH(TO_CHAR(GET(PARSE_JSON("record"), 'eventName')), 'Delete')
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
                              x6 -> GET(x6, 'eventName')
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
        x13 -> TYPEOF(x13) = 'VARCHAR' AND STARTSWITH(TO_CHAR(x13), 'Delete')
      )
    ) > 0
  END
  AND CASE
    WHEN (
      TYPEOF(PARSE_JSON("record")) = 'OBJECT'
      AND NOT (
        COALESCE(TYPEOF(GET(PARSE_JSON("record"), 'userAgent')) = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT GET(PARSE_JSON("record"), 'userAgent') IS NULL
          AND TYPEOF(GET(PARSE_JSON("record"), 'userAgent')) <> 'NULL_VALUE'
        )
        AND NOT (
          TYPEOF(GET(PARSE_JSON("record"), 'userAgent')) = 'ARRAY'
        )
      )
      AND (
        TYPEOF(GET(PARSE_JSON("record"), 'userAgent')) = 'VARCHAR'
        AND CONTAINS(LOWER(TO_CHAR(GET(PARSE_JSON("record"), 'userAgent'))), 'boto')
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
                              x19 -> GET(x19, 'userAgent')
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
        x26 -> TYPEOF(x26) = 'VARCHAR' AND CONTAINS(LOWER(TO_CHAR(x26)), 'boto')
      )
    ) > 0
  END
  AND CASE
    WHEN (
      TYPEOF(PARSE_JSON("record")) = 'OBJECT'
      AND NOT (
        COALESCE(TYPEOF(GET(PARSE_JSON("record"), 'path')) = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT GET(PARSE_JSON("record"), 'path') IS NULL
          AND TYPEOF(GET(PARSE_JSON("record"), 'path')) <> 'NULL_VALUE'
        )
        AND NOT (
          TYPEOF(GET(PARSE_JSON("record"), 'path')) = 'ARRAY'
        )
      )
      AND (
        TYPEOF(GET(PARSE_JSON("record"), 'path')) = 'VARCHAR'
        AND REGEXP_LIKE(TO_CHAR(GET(PARSE_JSON("record"), 'path')), '/admin/.*', 'cs')
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
                                                x27 -> CASE WHEN TYPEOF(x27) = 'ARRAY' THEN AS_ARRAY(x27) ELSE [x27] END
                                              )
                                            ),
                                            x28 -> CASE WHEN TYPEOF(x28) = 'ARRAY' THEN AS_ARRAY(x28) ELSE [x28] END
                                          )
                                        ),
                                        x29 -> CASE WHEN TYPEOF(x29) = 'ARRAY' THEN AS_ARRAY(x29) ELSE [x29] END
                                      )
                                    ),
                                    x30 -> CASE WHEN TYPEOF(x30) = 'ARRAY' THEN AS_ARRAY(x30) ELSE [x30] END
                                  )
                                ),
                                x31 -> TYPEOF(x31) = 'OBJECT'
                              ),
                              x32 -> GET(x32, 'path')
                            ),
                            x33 -> NOT x33 IS NULL AND TYPEOF(x33) <> 'NULL_VALUE'
                          ),
                          x34 -> CASE WHEN TYPEOF(x34) = 'ARRAY' THEN AS_ARRAY(x34) ELSE [x34] END
                        )
                      ),
                      x35 -> CASE WHEN TYPEOF(x35) = 'ARRAY' THEN AS_ARRAY(x35) ELSE [x35] END
                    )
                  ),
                  x36 -> CASE WHEN TYPEOF(x36) = 'ARRAY' THEN AS_ARRAY(x36) ELSE [x36] END
                )
              ),
              x37 -> CASE WHEN TYPEOF(x37) = 'ARRAY' THEN AS_ARRAY(x37) ELSE [x37] END
            )
          ),
          x38 -> NOT x38 IS NULL AND TYPEOF(x38) <> 'NULL_VALUE'
        ),
        x39 -> TYPEOF(x39) = 'VARCHAR' AND REGEXP_LIKE(TO_CHAR(x39), '/admin/.*', 'cs')
      )
    ) > 0
  END
)
