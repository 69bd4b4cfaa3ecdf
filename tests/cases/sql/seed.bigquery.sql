NOT (
  (
    NOT (
      CASE
        WHEN (
          JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')) = 'object'
          AND NOT (
            COALESCE(
              JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['Origin']) = 'array',
              FALSE
            )
          )
        )
        THEN (
          (
            (
              NOT PARSE_JSON(`record`, wide_number_mode => 'round')['Origin'] IS NULL
              AND JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['Origin']) <> 'null'
            )
            AND NOT (
              JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['Origin']) = 'array'
            )
          )
          AND (
            JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['Origin']) = 'string'
            AND JSON_VALUE(PARSE_JSON(`record`, wide_number_mode => 'round')['Origin'], '$') = 'AWS_KMS'
          )
        )
        ELSE ARRAY_LENGTH(
          ARRAY(
            SELECT
              x13
            FROM UNNEST(ARRAY(
              SELECT
                x12
              FROM UNNEST(ARRAY(
                SELECT
                  x11_item
                FROM UNNEST(ARRAY(
                  SELECT
                    x10_item
                  FROM UNNEST(ARRAY(
                    SELECT
                      x9_item
                    FROM UNNEST(ARRAY(
                      SELECT
                        x8_item
                      FROM UNNEST(ARRAY(
                        SELECT
                          x7
                        FROM UNNEST(ARRAY(
                          SELECT
                            x6['Origin']
                          FROM UNNEST(ARRAY(
                            SELECT
                              x5
                            FROM UNNEST(ARRAY(
                              SELECT
                                x4_item
                              FROM UNNEST(ARRAY(
                                SELECT
                                  x3_item
                                FROM UNNEST(ARRAY(
                                  SELECT
                                    x2_item
                                  FROM UNNEST(ARRAY(
                                    SELECT
                                      x1_item
                                    FROM UNNEST([PARSE_JSON(`record`, wide_number_mode => 'round')]) AS x1
                                    CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x1) = 'array' THEN JSON_QUERY_ARRAY(x1, '$') ELSE [x1] END) AS x1_item
                                  )) AS x2
                                  CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x2) = 'array' THEN JSON_QUERY_ARRAY(x2, '$') ELSE [x2] END) AS x2_item
                                )) AS x3
                                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x3) = 'array' THEN JSON_QUERY_ARRAY(x3, '$') ELSE [x3] END) AS x3_item
                              )) AS x4
                              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x4) = 'array' THEN JSON_QUERY_ARRAY(x4, '$') ELSE [x4] END) AS x4_item
                            )) AS x5
                            WHERE
                              JSON_TYPE(x5) = 'object'
                          )) AS x6
                        )) AS x7
                        WHERE
                          NOT x7 IS NULL AND JSON_TYPE(x7) <> 'null'
                      )) AS x8
                      CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x8) = 'array' THEN JSON_QUERY_ARRAY(x8, '$') ELSE [x8] END) AS x8_item
                    )) AS x9
                    CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x9) = 'array' THEN JSON_QUERY_ARRAY(x9, '$') ELSE [x9] END) AS x9_item
                  )) AS x10
                  CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x10) = 'array' THEN JSON_QUERY_ARRAY(x10, '$') ELSE [x10] END) AS x10_item
                )) AS x11
                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x11) = 'array' THEN JSON_QUERY_ARRAY(x11, '$') ELSE [x11] END) AS x11_item
              )) AS x12
              WHERE
                NOT x12 IS NULL AND JSON_TYPE(x12) <> 'null'
            )) AS x13
            WHERE
              JSON_TYPE(x13) = 'string' AND JSON_VALUE(x13, '$') = 'AWS_KMS'
          )
        ) > 0
      END
    )
    OR NOT (
      CASE
        WHEN (
          JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')) = 'object'
          AND NOT (
            COALESCE(
              JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyManager']) = 'array',
              FALSE
            )
          )
        )
        THEN (
          (
            (
              NOT PARSE_JSON(`record`, wide_number_mode => 'round')['KeyManager'] IS NULL
              AND JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyManager']) <> 'null'
            )
            AND NOT (
              JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyManager']) = 'array'
            )
          )
          AND (
            JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyManager']) = 'string'
            AND JSON_VALUE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyManager'], '$') = 'CUSTOMER'
          )
        )
        ELSE ARRAY_LENGTH(
          ARRAY(
            SELECT
              x26
            FROM UNNEST(ARRAY(
              SELECT
                x25
              FROM UNNEST(ARRAY(
                SELECT
                  x24_item
                FROM UNNEST(ARRAY(
                  SELECT
                    x23_item
                  FROM UNNEST(ARRAY(
                    SELECT
                      x22_item
                    FROM UNNEST(ARRAY(
                      SELECT
                        x21_item
                      FROM UNNEST(ARRAY(
                        SELECT
                          x20
                        FROM UNNEST(ARRAY(
                          SELECT
                            x19['KeyManager']
                          FROM UNNEST(ARRAY(
                            SELECT
                              x18
                            FROM UNNEST(ARRAY(
                              SELECT
                                x17_item
                              FROM UNNEST(ARRAY(
                                SELECT
                                  x16_item
                                FROM UNNEST(ARRAY(
                                  SELECT
                                    x15_item
                                  FROM UNNEST(ARRAY(
                                    SELECT
                                      x14_item
                                    FROM UNNEST([PARSE_JSON(`record`, wide_number_mode => 'round')]) AS x14
                                    CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x14) = 'array' THEN JSON_QUERY_ARRAY(x14, '$') ELSE [x14] END) AS x14_item
                                  )) AS x15
                                  CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x15) = 'array' THEN JSON_QUERY_ARRAY(x15, '$') ELSE [x15] END) AS x15_item
                                )) AS x16
                                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x16) = 'array' THEN JSON_QUERY_ARRAY(x16, '$') ELSE [x16] END) AS x16_item
                              )) AS x17
                              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x17) = 'array' THEN JSON_QUERY_ARRAY(x17, '$') ELSE [x17] END) AS x17_item
                            )) AS x18
                            WHERE
                              JSON_TYPE(x18) = 'object'
                          )) AS x19
                        )) AS x20
                        WHERE
                          NOT x20 IS NULL AND JSON_TYPE(x20) <> 'null'
                      )) AS x21
                      CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x21) = 'array' THEN JSON_QUERY_ARRAY(x21, '$') ELSE [x21] END) AS x21_item
                    )) AS x22
                    CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x22) = 'array' THEN JSON_QUERY_ARRAY(x22, '$') ELSE [x22] END) AS x22_item
                  )) AS x23
                  CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x23) = 'array' THEN JSON_QUERY_ARRAY(x23, '$') ELSE [x23] END) AS x23_item
                )) AS x24
                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x24) = 'array' THEN JSON_QUERY_ARRAY(x24, '$') ELSE [x24] END) AS x24_item
              )) AS x25
              WHERE
                NOT x25 IS NULL AND JSON_TYPE(x25) <> 'null'
            )) AS x26
            WHERE
              JSON_TYPE(x26) = 'string' AND JSON_VALUE(x26, '$') = 'CUSTOMER'
          )
        ) > 0
      END
    )
    OR (
      CASE
        WHEN (
          JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')) = 'object'
          AND NOT (
            COALESCE(
              JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyRotationEnabled']) = 'array',
              FALSE
            )
          )
        )
        THEN (
          (
            (
              NOT PARSE_JSON(`record`, wide_number_mode => 'round')['KeyRotationEnabled'] IS NULL
              AND JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyRotationEnabled']) <> 'null'
            )
            AND NOT (
              JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyRotationEnabled']) = 'array'
            )
          )
          AND (
            (
              JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyRotationEnabled']) = 'string'
              AND JSON_VALUE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyRotationEnabled'], '$') = 'True'
            )
            OR (
              JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyRotationEnabled']) = 'boolean'
              AND JSON_VALUE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyRotationEnabled'], '$') = 'true'
            )
          )
        )
        ELSE ARRAY_LENGTH(
          ARRAY(
            SELECT
              x39
            FROM UNNEST(ARRAY(
              SELECT
                x38
              FROM UNNEST(ARRAY(
                SELECT
                  x37_item
                FROM UNNEST(ARRAY(
                  SELECT
                    x36_item
                  FROM UNNEST(ARRAY(
                    SELECT
                      x35_item
                    FROM UNNEST(ARRAY(
                      SELECT
                        x34_item
                      FROM UNNEST(ARRAY(
                        SELECT
                          x33
                        FROM UNNEST(ARRAY(
                          SELECT
                            x32['KeyRotationEnabled']
                          FROM UNNEST(ARRAY(
                            SELECT
                              x31
                            FROM UNNEST(ARRAY(
                              SELECT
                                x30_item
                              FROM UNNEST(ARRAY(
                                SELECT
                                  x29_item
                                FROM UNNEST(ARRAY(
                                  SELECT
                                    x28_item
                                  FROM UNNEST(ARRAY(
                                    SELECT
                                      x27_item
                                    FROM UNNEST([PARSE_JSON(`record`, wide_number_mode => 'round')]) AS x27
                                    CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x27) = 'array' THEN JSON_QUERY_ARRAY(x27, '$') ELSE [x27] END) AS x27_item
                                  )) AS x28
                                  CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x28) = 'array' THEN JSON_QUERY_ARRAY(x28, '$') ELSE [x28] END) AS x28_item
                                )) AS x29
                                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x29) = 'array' THEN JSON_QUERY_ARRAY(x29, '$') ELSE [x29] END) AS x29_item
                              )) AS x30
                              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x30) = 'array' THEN JSON_QUERY_ARRAY(x30, '$') ELSE [x30] END) AS x30_item
                            )) AS x31
                            WHERE
                              JSON_TYPE(x31) = 'object'
                          )) AS x32
                        )) AS x33
                        WHERE
                          NOT x33 IS NULL AND JSON_TYPE(x33) <> 'null'
                      )) AS x34
                      CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x34) = 'array' THEN JSON_QUERY_ARRAY(x34, '$') ELSE [x34] END) AS x34_item
                    )) AS x35
                    CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x35) = 'array' THEN JSON_QUERY_ARRAY(x35, '$') ELSE [x35] END) AS x35_item
                  )) AS x36
                  CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x36) = 'array' THEN JSON_QUERY_ARRAY(x36, '$') ELSE [x36] END) AS x36_item
                )) AS x37
                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x37) = 'array' THEN JSON_QUERY_ARRAY(x37, '$') ELSE [x37] END) AS x37_item
              )) AS x38
              WHERE
                NOT x38 IS NULL AND JSON_TYPE(x38) <> 'null'
            )) AS x39
            WHERE
              (
                JSON_TYPE(x39) = 'string' AND JSON_VALUE(x39, '$') = 'True'
              )
              OR (
                JSON_TYPE(x39) = 'boolean' AND JSON_VALUE(x39, '$') = 'true'
              )
          )
        ) > 0
      END
      AND CASE
        WHEN (
          JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')) = 'object'
          AND NOT (
            COALESCE(
              JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyState']) = 'array',
              FALSE
            )
          )
        )
        THEN (
          (
            (
              NOT PARSE_JSON(`record`, wide_number_mode => 'round')['KeyState'] IS NULL
              AND JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyState']) <> 'null'
            )
            AND NOT (
              JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyState']) = 'array'
            )
          )
          AND (
            JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyState']) = 'string'
            AND JSON_VALUE(PARSE_JSON(`record`, wide_number_mode => 'round')['KeyState'], '$') = 'Enabled'
          )
        )
        ELSE ARRAY_LENGTH(
          ARRAY(
            SELECT
              x52
            FROM UNNEST(ARRAY(
              SELECT
                x51
              FROM UNNEST(ARRAY(
                SELECT
                  x50_item
                FROM UNNEST(ARRAY(
                  SELECT
                    x49_item
                  FROM UNNEST(ARRAY(
                    SELECT
                      x48_item
                    FROM UNNEST(ARRAY(
                      SELECT
                        x47_item
                      FROM UNNEST(ARRAY(
                        SELECT
                          x46
                        FROM UNNEST(ARRAY(
                          SELECT
                            x45['KeyState']
                          FROM UNNEST(ARRAY(
                            SELECT
                              x44
                            FROM UNNEST(ARRAY(
                              SELECT
                                x43_item
                              FROM UNNEST(ARRAY(
                                SELECT
                                  x42_item
                                FROM UNNEST(ARRAY(
                                  SELECT
                                    x41_item
                                  FROM UNNEST(ARRAY(
                                    SELECT
                                      x40_item
                                    FROM UNNEST([PARSE_JSON(`record`, wide_number_mode => 'round')]) AS x40
                                    CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x40) = 'array' THEN JSON_QUERY_ARRAY(x40, '$') ELSE [x40] END) AS x40_item
                                  )) AS x41
                                  CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x41) = 'array' THEN JSON_QUERY_ARRAY(x41, '$') ELSE [x41] END) AS x41_item
                                )) AS x42
                                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x42) = 'array' THEN JSON_QUERY_ARRAY(x42, '$') ELSE [x42] END) AS x42_item
                              )) AS x43
                              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x43) = 'array' THEN JSON_QUERY_ARRAY(x43, '$') ELSE [x43] END) AS x43_item
                            )) AS x44
                            WHERE
                              JSON_TYPE(x44) = 'object'
                          )) AS x45
                        )) AS x46
                        WHERE
                          NOT x46 IS NULL AND JSON_TYPE(x46) <> 'null'
                      )) AS x47
                      CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x47) = 'array' THEN JSON_QUERY_ARRAY(x47, '$') ELSE [x47] END) AS x47_item
                    )) AS x48
                    CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x48) = 'array' THEN JSON_QUERY_ARRAY(x48, '$') ELSE [x48] END) AS x48_item
                  )) AS x49
                  CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x49) = 'array' THEN JSON_QUERY_ARRAY(x49, '$') ELSE [x49] END) AS x49_item
                )) AS x50
                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x50) = 'array' THEN JSON_QUERY_ARRAY(x50, '$') ELSE [x50] END) AS x50_item
              )) AS x51
              WHERE
                NOT x51 IS NULL AND JSON_TYPE(x51) <> 'null'
            )) AS x52
            WHERE
              JSON_TYPE(x52) = 'string' AND JSON_VALUE(x52, '$') = 'Enabled'
          )
        ) > 0
      END
    )
  )
)
